import type { Keyring } from '../../platform/crypto/index.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { parsePhone, parseResidentId } from '../../platform/ids/index.ts';
import { findByResidentIdHash, type PersonTarget, phoneHashKind, residentIdHashKind } from './peopleRepo.ts';

/**
 * What a search box holds, as the keyed hash it is matched by: null when
 * empty, undefined when it is neither a whole mobile number nor a whole ID
 * number. The typed value itself is never compared, stored or echoed.
 */
export function lookupHashOf(keyring: Keyring, typed: string): string | null | undefined {
  const text = typed.trim();
  if (text === '') return null;
  const phone = parsePhone(text);
  if (phone.ok) return keyring.lookupHash(phoneHashKind, phone.value);
  const residentId = parseResidentId(text);
  if (residentId.ok) return keyring.lookupHash(residentIdHashKind, residentId.value.number);
  return undefined;
}

/**
 * The person a typed ID number names (full-width digits and a lower-case x
 * are the same number), found by its keyed hash: null when no one in the
 * registry has it, 'invalid' when it is no ID number at all (its check
 * character fails, or it has the wrong form). Nothing is audited here: the
 * caller records its own read.
 */
export async function findPersonByResidentId(
  db: Queryable,
  keyring: Keyring,
  typed: string,
): Promise<PersonTarget | null | 'invalid'> {
  const residentId = parseResidentId(typed);
  if (!residentId.ok) return 'invalid';
  const found = await findByResidentIdHash(
    db,
    keyring.lookupHash(residentIdHashKind, residentId.value.number),
  );
  return found ?? null;
}
