import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { type ProductSummary, productSummaries } from '../../catalog/index.ts';
import type { Organisation } from '../../identity/index.ts';
import { type PersonFacts, personLabels } from '../../people/index.ts';
import { type SubsidyItemInCatalog, subsidyItemOf } from '../../policyCatalogs/index.ts';
import { type ActionRecord, actionsOf, type FittingCase } from '../caseRepo.ts';
import type { CaseCommand, CaseRole } from '../domain/caseFlow.ts';
import type { PrescriptionLine } from '../domain/prescription.ts';
import {
  type Assessment,
  applicationOf,
  assessmentOf,
  type Delivery,
  deliveryOf,
  type FollowUp,
  followUpsOf,
  latestEligibility,
  prescriptionOf,
  type StoredEligibility,
} from '../stepsRepo.ts';
import { districtFederations } from './places.ts';

/** What the assessor measured and found, once opened; suppliers never get it. */
export interface AssessmentFindings {
  readonly measurements: Readonly<Record<string, number>>;
  readonly findings: string;
}

/** One step of the history, with its note opened for those who may read it. */
export interface TimelineEntry extends Omit<ActionRecord, 'noteSealed'> {
  readonly note: string | null;
}

/** Everything a case page, its print and its command forms show, read once. */
export interface CaseView {
  readonly case: FittingCase;
  readonly person: PersonFacts;
  readonly roles: readonly CaseRole[];
  readonly commands: readonly CaseCommand[];
  readonly maskedName: string;
  readonly maskedResidentId: string;
  /** The item in the catalog version the case was opened under. */
  readonly item: SubsidyItemInCatalog | undefined;
  readonly application:
    | {
        readonly channel: 'online' | 'community_worker';
        readonly usePlaces: readonly string[];
        readonly suppliedByOtherScheme: boolean;
        readonly signedBy: 'person' | 'proxy';
        readonly proxyGuardianId: string | null;
        /** What the person wrote; null for a supplier (SECURITY.md 18: only those who need it). */
        readonly reason: string | null;
      }
    | undefined;
  readonly eligibility: StoredEligibility | undefined;
  readonly assessment: Omit<Assessment, 'findingsSealed'> | undefined;
  /** Null when there is nothing recorded yet or the reader is a supplier. */
  readonly findings: AssessmentFindings | null;
  readonly prescription: readonly PrescriptionLine[];
  readonly delivery:
    | (Omit<Delivery, 'fittingNotesSealed' | 'trainingNotesSealed'> & {
        readonly fittingNotes: string | null;
        readonly trainingNotes: string | null;
      })
    | undefined;
  readonly followUps: readonly FollowUp[];
  readonly timeline: readonly TimelineEntry[];
  readonly products: ReadonlyMap<string, ProductSummary>;
  readonly contacts: readonly Organisation[];
  /** Whether health data and what the person wrote are shown: not to a supplier. */
  readonly seesHealthData: boolean;
}

export interface AuthorisedCase {
  readonly case: FittingCase;
  readonly person: PersonFacts;
  readonly roles: CaseRole[];
  readonly commands: CaseCommand[];
}

/**
 * A supplier fits and delivers: it needs the prescription, not what the
 * person wrote about themselves nor what the assessor found.
 */
export const seesHealthDataAs = (roles: readonly CaseRole[]) => roles.some((role) => role !== 'supplier');

export async function loadCaseView(db: Db, keyring: Keyring, found: AuthorisedCase): Promise<CaseView> {
  const c = found.case;
  const seesHealthData = seesHealthDataAs(found.roles);
  const open = (sealed: string | null) => (sealed === null ? null : keyring.open(sealed));
  const [
    labels,
    item,
    application,
    eligibility,
    assessment,
    prescription,
    delivery,
    followUps,
    actions,
    contacts,
  ] = await Promise.all([
    personLabels(db, [c.personId]),
    subsidyItemOf(db, c.catalogId, c.itemCode),
    applicationOf(db, c.id),
    latestEligibility(db, c.id),
    assessmentOf(db, c.id),
    prescriptionOf(db, c.id),
    deliveryOf(db, c.id),
    followUpsOf(db, c.id),
    actionsOf(db, c.id),
    districtFederations(db, c.districtCode),
  ]);
  const label = labels.get(c.personId);
  const products = await productSummaries(
    db,
    prescription.map((l) => l.productId),
  );
  const sealedFindings = seesHealthData ? open(assessment?.findingsSealed ?? null) : null;
  return {
    case: c,
    person: found.person,
    roles: found.roles,
    commands: found.commands,
    maskedName: label?.maskedName ?? '',
    maskedResidentId: label?.maskedResidentId ?? '',
    item,
    application: application && {
      channel: application.channel,
      usePlaces: application.usePlaces,
      suppliedByOtherScheme: application.suppliedByOtherScheme,
      signedBy: application.signedBy,
      proxyGuardianId: application.proxyGuardianId,
      reason: seesHealthData ? keyring.open(application.reasonSealed) : null,
    },
    eligibility,
    assessment: assessment && {
      mode: assessment.mode,
      scheduledOn: assessment.scheduledOn,
      functionArea: assessment.functionArea,
      recommendedItemCodes: assessment.recommendedItemCodes,
      assessedOn: assessment.assessedOn,
    },
    findings: sealedFindings === null ? null : (JSON.parse(sealedFindings) as AssessmentFindings),
    prescription,
    delivery: delivery && {
      serialNumber: delivery.serialNumber,
      deliveredOn: delivery.deliveredOn,
      confirmedOn: delivery.confirmedOn,
      confirmedBy: delivery.confirmedBy,
      trainedOn: delivery.trainedOn,
      fittingNotes: open(delivery.fittingNotesSealed),
      trainingNotes: open(delivery.trainingNotesSealed),
    },
    followUps,
    timeline: actions.map(({ noteSealed, ...action }) => ({
      ...action,
      note: seesHealthData ? open(noteSealed) : null,
    })),
    products,
    contacts,
    seesHealthData,
  };
}
