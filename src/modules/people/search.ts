import type { Keyring } from '../../platform/crypto/index.ts';
import { parsePhone, parseResidentId } from '../../platform/ids/index.ts';
import { phoneHashKind, residentIdHashKind } from './peopleRepo.ts';

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
