import { FormPage, type FormPageProps } from '../../../../platform/ui/index.ts';
import { policyAdminMessages } from './messages.ts';

/** The two areas of these pages: the catalogs, and the admission reviews. */
export type AdminArea = 'catalogs' | 'admissions';

const areaHome: Record<AdminArea, string> = {
  catalogs: '/admin/policy-catalogs',
  admissions: '/admin/admissions',
};

/** Every page here: a FormPage below "首页 › <area>" (crumbs empty on the area's own list). */
export function PolicyAdminPage({ area, ...props }: Omit<FormPageProps, 'area'> & { area: AdminArea }) {
  const t = policyAdminMessages.for(props.ctx.locale);
  const text = area === 'catalogs' ? t('catalogsTitle') : t('admissionsTitle');
  return <FormPage {...props} area={{ text, href: areaHome[area] }} />;
}
