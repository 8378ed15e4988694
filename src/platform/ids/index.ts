export type {
  DisabilityCategory,
  DisabilityCertificate,
  DisabilityCertificateProblem,
  DisabilityCertificateResult,
  DisabilityGrade,
} from './disabilityCertificate.ts';
export { disabilityCategories, parseDisabilityCertificate } from './disabilityCertificate.ts';
export { disabilityCategoryText, disabilityGradeText, disabilityWords } from './disabilityWords.ts';
export { toHalfWidth } from './normalise.ts';
export type { PhoneResult } from './phone.ts';
export { parsePhone } from './phone.ts';
export type { ResidentId, ResidentIdProblem, ResidentIdResult } from './residentId.ts';
export { checkCharacter, earliestBirthDate, makeResidentId, parseResidentId } from './residentId.ts';
