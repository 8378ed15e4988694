import { FormPage, type FormPageProps } from '../../../../platform/ui/index.ts';
import { catalogAdminMessages } from './messages.ts';

/** Every catalog administration page: a FormPage below "首页 › 产品目录管理" (crumbs empty on the landing page). */
export function CatalogAdminPage(props: Omit<FormPageProps, 'area'>) {
  const t = catalogAdminMessages.for(props.ctx.locale);
  return <FormPage {...props} area={{ text: t('indexTitle'), href: '/admin/catalog' }} />;
}
