import type { Keyring } from '../../platform/crypto/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/index.ts';
import { type JsonValue, type OwnDataSection, ownField } from '../../platform/module.ts';
import { listDistricts } from '../identity/index.ts';
import { personOfUser } from '../people/index.ts';
import { campaignById } from './campaignRepo.ts';
import { type Answers, shownQuestions, shownSections } from './domain/questionnaire.ts';
import { surveyOwnDataMessages } from './ownDataMessages.ts';
import { answerWords } from './pages/answer/answerView.tsx';
import { answerMessages } from './pages/answer/messages.ts';
import { ageGroupText, categoryText, inText } from './pages/answer/words.ts';
import { responseById } from './responseRepo.ts';

/**
 * The survey's part of a resident's own export: every response they gave,
 * themselves or through a community worker's interview, with each answer
 * the questionnaire asked, in words. Anonymous responses are nobody's.
 */
export async function surveyOwnData(
  deps: { readonly db: Db; readonly keyring: Keyring },
  userId: string,
  locale: Locale,
): Promise<OwnDataSection[]> {
  const o = surveyOwnDataMessages.for(locale);
  const t = answerMessages.for(locale);
  const person = await personOfUser(deps.db, userId);
  const ids = await deps.db.query<{ id: string }>(
    sql`select id from survey_response
        where respondent_user_id = ${userId}::uuid or person_id = ${person?.id ?? null}::uuid
        order by started_at, id`,
  );
  const districts = new Map((await listDistricts(deps.db)).map((d) => [d.code, d]));
  const records = [];
  for (const { id } of ids) {
    const response = await responseById(deps.db, id);
    const campaign = response && (await campaignById(deps.db, response.campaignId));
    if (!response || !campaign) continue;
    const answers = JSON.parse(deps.keyring.open(response.answersSealed)) as Answers;
    const district = districts.get(response.who.districtCode);
    const title = inText(locale, campaign.title);
    const when = (at: Date | null) => (at === null ? '—' : formatDateTime(at, locale));
    records.push({
      heading: title,
      fields: [
        ownField('campaign', o('campaign'), title),
        ownField('status', o('status'), response.status, o(`status_${response.status}`)),
        ownField('mode', o('mode'), response.mode, t(`mode_${response.mode}`)),
        ownField('startedAt', o('startedAt'), response.startedAt.toISOString(), when(response.startedAt)),
        ownField(
          'submittedAt',
          o('submittedAt'),
          response.submittedAt?.toISOString() ?? null,
          when(response.submittedAt),
        ),
        ownField(
          'district',
          t('fieldDistrict'),
          response.who.districtCode,
          district === undefined
            ? response.who.districtCode
            : locale === 'en'
              ? district.nameEn
              : district.nameZh,
        ),
        ownField(
          'ageGroup',
          t('fieldAgeGroup'),
          response.who.ageGroup,
          ageGroupText(t, response.who.ageGroup),
        ),
        ownField(
          'disabilityCategory',
          t('fieldCategory'),
          response.who.disabilityCategory,
          categoryText(locale, response.who.disabilityCategory),
        ),
        ...shownSections(campaign.questionnaire, answers).flatMap((section) =>
          shownQuestions(section, answers).map((question) =>
            ownField(
              question.id,
              inText(locale, question.label),
              (answers[question.id] ?? null) as JsonValue,
              answerWords(locale, question, answers[question.id]),
            ),
          ),
        ),
      ],
    });
  }
  return [{ key: 'surveyResponses', heading: o('heading'), records }];
}
