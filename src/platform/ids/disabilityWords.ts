import { defineMessages, type Locale } from '../i18n/index.ts';
import type { DisabilityCategory, DisabilityGrade } from './disabilityCertificate.ts';

/**
 * The words for the disability categories (GB/T 26341-2010) and grades, in
 * both languages: one catalog for every page that names them, so a category
 * reads the same in the registry, the product catalog and the policy catalogs.
 */
export const disabilityWords = defineMessages(
  'disability',
  {
    category_visual: '视力残疾',
    category_hearing: '听力残疾',
    category_speech: '言语残疾',
    category_physical: '肢体残疾',
    category_intellectual: '智力残疾',
    category_mental: '精神残疾',
    category_multiple: '多重残疾',
    grade: '{grade}级',
  },
  {
    category_visual: 'Visual',
    category_hearing: 'Hearing',
    category_speech: 'Speech',
    category_physical: 'Physical',
    category_intellectual: 'Intellectual',
    category_mental: 'Mental',
    category_multiple: 'Multiple',
    grade: 'Grade {grade}',
  },
);

export const disabilityCategoryText = (locale: Locale, category: DisabilityCategory): string =>
  disabilityWords.for(locale)(`category_${category}`);

export const disabilityGradeText = (locale: Locale, grade: DisabilityGrade): string =>
  disabilityWords.for(locale)('grade', { grade });
