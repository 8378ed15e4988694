export type { DataKey, FieldDecryptionProblem } from './fieldCipher.ts';
export { FieldDecryptionError, openField, sealedKeyVersion, sealField } from './fieldCipher.ts';
export type { DataKeyPurpose } from './keyring.ts';
export { Keyring, loadKeyring, MasterKeyMismatchError } from './keyring.ts';
export { maskAddress, maskName, maskPhone, maskResidentId } from './mask.ts';
export { MasterKeyMissingError, parseMasterKey, resolveMasterKey } from './masterKey.ts';
export type { PasswordProblem, PasswordRules } from './passwords.ts';
export { checkPassword, dummyVerify, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
export type { EncryptedColumn } from './rotate.ts';
export { rotateFieldKey } from './rotate.ts';
export { hmacSm3, sm3Hex } from './sm3.ts';
export {
  formatSecretForReading,
  generateTotpSecret,
  otpauthUri,
  totpAt,
  verifyTotp,
} from './totp.ts';
