// What every registry page uses: its place in the site, a form's end, days and districts.
import { type Action, reach, type SignedInActor } from '../../../platform/auth/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { Button, ButtonGroup, FormPage, type FormPageProps } from '../../../platform/ui/index.ts';
import { type District, listDistricts } from '../../identity/index.ts';
import { peopleMessages } from './messages.ts';

/** A staff page of the registry: a FormPage below "首页 › 人员库" (no crumbs on the list itself). */
export function PeoplePage(props: Omit<FormPageProps, 'area'>) {
  const t = peopleMessages.for(props.ctx.locale);
  return <FormPage {...props} area={{ text: t('areaTitle'), href: '/people' }} />;
}

/** The end of a registry form: its button, and a way back that saves nothing. */
export function SubmitOrCancel({ locale, button, back }: { locale: Locale; button: string; back: string }) {
  return (
    <ButtonGroup>
      <Button preventDoubleClick>{button}</Button>
      <a href={back} class="fj-body">
        {peopleMessages.for(locale)('cancel')}
      </a>
    </ButtonGroup>
  );
}

/** The districts the actor may do `action` in, in code order. */
export async function districtsInReach(db: Db, actor: SignedInActor, action: Action): Promise<District[]> {
  const r = reach(actor, action);
  return (await listDistricts(db)).filter((d) => r.all || r.districtCodes.includes(d.code));
}

export const districtText = (locale: Locale, d: { nameZh: string; nameEn: string }) =>
  locale === 'zh-CN' ? d.nameZh : d.nameEn;

/** A calendar day (YYYY-MM-DD) as the reader's language writes dates; noon in Beijing keeps the day. */
export const dayText = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

/** Typed text, marked as Chinese on an English page: one component for the whole platform. */
export { FreeText } from '../../../platform/ui/index.ts';
