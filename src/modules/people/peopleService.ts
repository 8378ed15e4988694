import { type AuditDetailValue, appendAudit, recordAudit } from '../../platform/audit/index.ts';
import type { Reach } from '../../platform/auth/index.ts';
import { type Keyring, maskResidentId } from '../../platform/crypto/index.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { insertConsent, withdrawConsent } from './consentsRepo.ts';
import type { CommandContext } from './context.ts';
import type { ConsentDetails, GuardianDetails, RevealDetails } from './domain/forms.ts';
import type { PersonDetails } from './domain/person.ts';
import type { ConsentGiver, ConsentPurpose } from './domain/vocabulary.ts';
import { insertGuardian, removeGuardian } from './guardiansRepo.ts';
import {
  findByResidentIdHash,
  insertPerson,
  listPeople,
  type PeopleFilter,
  type PersonTarget,
  residentIdHashKind,
  updatePerson,
} from './peopleRepo.ts';

/** The ID number is in the registry already: the existing record, and its masked ID to name it by. */
export class DuplicatePerson extends Error {
  constructor(
    readonly existing: PersonTarget,
    readonly maskedResidentId: string,
  ) {
    super('a person with this resident ID is already registered');
    this.name = 'DuplicatePerson';
  }
}

async function audit(
  tx: Queryable,
  context: CommandContext,
  action: string,
  personId: string,
  detail: Record<string, AuditDetailValue>,
): Promise<void> {
  await appendAudit(tx, {
    actor: context.actor,
    action,
    object: { type: 'person', id: personId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });
}

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** The record holding this ID number, other than `exceptId`, as a DuplicatePerson; undefined if none. */
async function duplicateOf(
  db: Queryable,
  keyring: Keyring,
  details: PersonDetails,
  exceptId?: string,
): Promise<DuplicatePerson | undefined> {
  const existing = await findByResidentIdHash(
    db,
    keyring.lookupHash(residentIdHashKind, details.residentId.number),
  );
  if (existing === undefined || existing.id === exceptId) return undefined;
  return new DuplicatePerson(existing, maskResidentId(details.residentId.number));
}

/**
 * Registers a person, with their consent for fitting when it was given, in
 * one transaction with one audit row. The same ID number twice is refused
 * (checked first for a clear answer, and by the unique hash for a race).
 */
export async function registerPerson(
  db: Db,
  keyring: Keyring,
  context: CommandContext,
  details: PersonDetails,
  fittingConsentBy: ConsentGiver | null,
): Promise<{ id: string; userId: string | null }> {
  const duplicate = await duplicateOf(db, keyring, details);
  if (duplicate) throw duplicate;
  try {
    return await db.transaction(async (tx) => {
      const person = await insertPerson(tx, keyring, details);
      if (fittingConsentBy !== null) {
        await insertConsent(
          tx,
          person.id,
          { purpose: 'fitting', givenBy: fittingConsentBy },
          context.actor.userId,
        );
      }
      await audit(tx, context, 'person.register', person.id, {
        districtCode: details.districtCode,
        certificateGeneration: details.certificate?.generation ?? null,
        fittingConsent: fittingConsentBy !== null,
        accountBound: person.userId !== null,
      });
      return person;
    });
  } catch (error) {
    const raced = isUniqueViolation(error) ? await duplicateOf(db, keyring, details) : undefined;
    throw raced ?? error;
  }
}

/** Saves an edit made from `version`: 'stale' when someone else saved first (nothing is written). */
export async function editPerson(
  db: Db,
  keyring: Keyring,
  context: CommandContext,
  personId: string,
  version: number,
  details: PersonDetails,
): Promise<'saved' | 'stale'> {
  const duplicate = await duplicateOf(db, keyring, details, personId);
  if (duplicate) throw duplicate;
  try {
    return await db.transaction(async (tx) => {
      if (!(await updatePerson(tx, keyring, personId, version, details))) return 'stale';
      await audit(tx, context, 'person.update', personId, {
        version: version + 1,
        districtCode: details.districtCode,
        certificateGeneration: details.certificate?.generation ?? null,
      });
      return 'saved';
    });
  } catch (error) {
    const raced = isUniqueViolation(error) ? await duplicateOf(db, keyring, details, personId) : undefined;
    throw raced ?? error;
  }
}

export async function addGuardian(
  db: Db,
  keyring: Keyring,
  context: CommandContext,
  personId: string,
  guardian: GuardianDetails,
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertGuardian(tx, keyring, personId, guardian);
    await audit(tx, context, 'person.guardian_add', personId, {
      guardianId: id,
      relation: guardian.relation,
      isProxy: guardian.isProxy,
    });
    return id;
  });
}

/** False when the person has no current guardian by that id (nothing written). */
export async function dropGuardian(
  db: Db,
  context: CommandContext,
  personId: string,
  guardianId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await removeGuardian(tx, personId, guardianId))) return false;
    await audit(tx, context, 'person.guardian_remove', personId, { guardianId });
    return true;
  });
}

/** Null when a consent for the same purpose is already live (nothing written). */
export async function giveConsent(
  db: Db,
  context: CommandContext,
  personId: string,
  consent: ConsentDetails,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const id = await insertConsent(tx, personId, consent, context.actor.userId);
    if (id === null) return null;
    await audit(tx, context, 'person.consent_give', personId, {
      consentId: id,
      purpose: consent.purpose,
      givenBy: consent.givenBy,
    });
    return id;
  });
}

/** Processing for the purpose stops from here on (SECURITY.md 20); null when there was no live consent. */
export async function withdrawPersonConsent(
  db: Db,
  context: CommandContext,
  personId: string,
  consentId: string,
): Promise<ConsentPurpose | null> {
  return db.transaction(async (tx) => {
    const purpose = await withdrawConsent(tx, personId, consentId, context.actor.userId);
    if (purpose === null) return null;
    await audit(tx, context, 'person.consent_withdraw', personId, { consentId, purpose });
    return purpose;
  });
}

/** A read of personal data, masked or not, is one row on the trail (SECURITY.md 25). */
export function recordPersonRead(
  db: Db,
  context: CommandContext,
  action: 'person.read' | 'person.list',
  personId: string | null,
  detail: Record<string, AuditDetailValue> = {},
) {
  return recordAudit(db, {
    actor: context.actor,
    action,
    object: personId === null ? null : { type: 'person', id: personId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });
}

/** One page of the registry within reach, masked; a page that shows anyone is one `person.list` row. */
export async function browsePeople(
  db: Db,
  keyring: Keyring,
  context: CommandContext,
  r: Reach,
  filter: PeopleFilter,
) {
  const result = await listPeople(db, keyring, r, filter);
  if (result.items.length > 0) {
    await recordPersonRead(db, context, 'person.list', null, {
      shown: result.items.length,
      page: filter.page,
      search: filter.lookupHash !== null,
    });
  }
  return result;
}

/** Seeing a record in full: the reason (and note) go on the trail; a person's own look needs none. */
export function recordPersonReveal(
  db: Db,
  context: CommandContext,
  personId: string,
  reveal: RevealDetails | 'own',
) {
  return recordAudit(db, {
    actor: context.actor,
    action: 'person.reveal',
    object: { type: 'person', id: personId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail: reveal === 'own' ? { reason: 'own' } : { reason: reveal.reason, note: reveal.note },
  });
}
