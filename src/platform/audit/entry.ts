import { isUuid } from '../db/index.ts';
import { AuditEntryError } from './errors.ts';
import { refusePersonalData } from './personalData.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export const auditOutcomes: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** What a detail may hold: flat, small values that say how, never who (no personal data). */
export type AuditDetailValue = string | number | boolean | null;

/** One thing that happened, as a caller reports it; `appendAudit` adds seq, time and hashes. */
export interface AuditEntry {
  readonly actor: {
    readonly userId: string | null;
    /** A username, 'system', 'anonymous' or 'token:<id>': never a person's name, ID or phone. */
    readonly label: string;
    readonly organisationId: string | null;
  };
  /** Dotted, most general first: 'login.success', 'user.disable', 'person.reveal'. */
  readonly action: string;
  readonly object?: { readonly type: string; readonly id: string } | null;
  readonly outcome: AuditOutcome;
  readonly sourceAddress: string | null;
  readonly detail?: Readonly<Record<string, AuditDetailValue>>;
}

/** An entry's columns, checked and in the exact form the database gives back (so hashes match). */
export interface AuditFields {
  readonly actorUserId: string | null;
  readonly actorLabel: string;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly outcome: AuditOutcome;
  readonly sourceAddress: string | null;
  readonly detail: Readonly<Record<string, AuditDetailValue>>;
}

export const actionPattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const objectTypePattern = /^[a-z][a-z0-9_]*$/;
const detailKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
// An unpaired surrogate would be replaced on the way into the database and break the hash.
const unpairedSurrogate = /\p{Cs}/u;
const controlCharacter = /\p{Cc}/u;

const limits = {
  label: 200,
  action: 100,
  objectType: 50,
  objectId: 200,
  sourceAddress: 100,
  detailKeys: 50,
  detailValue: 2000,
};

function text(
  field: string,
  value: unknown,
  max: number,
  options: { singleLine: boolean; mayBeEmpty?: boolean },
): string {
  const min = options.mayBeEmpty ? 0 : 1;
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new AuditEntryError(`audit ${field} must be text of ${min} to ${max} characters`);
  }
  // NUL cannot be stored in PostgreSQL text at all.
  const unstorable = value.includes('\0') || unpairedSurrogate.test(value);
  if (unstorable || (options.singleLine && controlCharacter.test(value))) {
    throw new AuditEntryError(`audit ${field} holds a character the trail does not accept`);
  }
  return value;
}

function uuid(field: string, value: unknown): string | null {
  if (value === null) return null;
  // PostgreSQL gives uuids back in lower case; hashing that form keeps verification exact.
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (!isUuid(lower)) throw new AuditEntryError(`audit ${field} must be a uuid or null`);
  return lower;
}

function detailOf(detail: unknown): Readonly<Record<string, AuditDetailValue>> {
  if (detail === undefined) return {};
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new AuditEntryError('audit detail must be an object of flat values');
  }
  const entries = Object.entries(detail);
  if (entries.length > limits.detailKeys) {
    throw new AuditEntryError(`audit detail may hold at most ${limits.detailKeys} values`);
  }
  const checked: Record<string, AuditDetailValue> = {};
  for (const [key, value] of entries) {
    if (!detailKeyPattern.test(key)) {
      throw new AuditEntryError(`audit detail key "${key.slice(0, 64)}" must be a plain identifier`);
    }
    if (typeof value === 'string') {
      text(`detail.${key}`, value, limits.detailValue, { singleLine: false, mayBeEmpty: true });
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AuditEntryError(`audit detail.${key} must be a finite number`);
    } else if (typeof value !== 'boolean' && value !== null) {
      throw new AuditEntryError(`audit detail.${key} must be text, a number, true/false or null`);
    }
    refusePersonalData(`detail.${key}`, value);
    // -0 comes back from the database as 0; storing 0 keeps the hash stable.
    checked[key] = Object.is(value, -0) ? 0 : value;
  }
  return checked;
}

/** Checks an entry and brings it into the stored form; throws before anything is written. */
export function auditFields(entry: AuditEntry): AuditFields {
  const actorLabel = text('actor label', entry.actor.label, limits.label, { singleLine: true });
  refusePersonalData('actor label', actorLabel);
  const action = text('action', entry.action, limits.action, { singleLine: true });
  if (!actionPattern.test(action)) {
    throw new AuditEntryError(`audit action "${action}" must be dotted lower-case words, e.g. user.disable`);
  }
  const object = entry.object ?? null;
  let objectType: string | null = null;
  let objectId: string | null = null;
  if (object !== null) {
    objectType = text('object type', object.type, limits.objectType, { singleLine: true });
    if (!objectTypePattern.test(objectType)) {
      throw new AuditEntryError(`audit object type "${objectType}" must be a lower-case word`);
    }
    objectId = text('object id', object.id, limits.objectId, { singleLine: true });
    refusePersonalData('object id', objectId);
  }
  if (!auditOutcomes.includes(entry.outcome)) {
    throw new AuditEntryError(`audit outcome must be one of ${auditOutcomes.join(', ')}`);
  }
  const sourceAddress =
    entry.sourceAddress === null
      ? null
      : text('source address', entry.sourceAddress, limits.sourceAddress, { singleLine: true });
  return {
    actorUserId: uuid('actor user id', entry.actor.userId),
    actorLabel,
    actorOrganisationId: uuid('actor organisation id', entry.actor.organisationId),
    action,
    objectType,
    objectId,
    outcome: entry.outcome,
    sourceAddress,
    detail: detailOf(entry.detail),
  };
}
