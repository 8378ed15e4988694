import type { FastifyInstance } from 'fastify';
import { type Action, mayEver } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';
import { type AdminKey, AdminPage } from './shared.tsx';

/** GET /admin: the sections this user may ever use, each with a line on what it is for. */
export function homePage(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, assets } = deps;

  app.get(
    '/admin',
    {
      // Everyone who may use any section here holds user.read (see the permissions table), and so
      // does the district reviewer, whose navigation links here: the index needs no more than that.
      config: { access: 'user.read' },
      schema: { hide: true, querystring: PageQuery },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = adminMessages.for(ctx.locale);
      const sections: { action: Action; href: string; title: AdminKey; text: AdminKey }[] = [
        {
          action: 'organisation.read',
          href: '/admin/organisations',
          title: 'sectionOrganisations',
          text: 'sectionOrganisationsText',
        },
        {
          action: 'organisation.create',
          href: '/admin/organisations/new',
          title: 'sectionNewOrganisation',
          text: 'sectionNewOrganisationText',
        },
        { action: 'user.read', href: '/admin/users', title: 'sectionUsers', text: 'sectionUsersText' },
        {
          action: 'user.create',
          href: '/admin/users/new',
          title: 'sectionNewUser',
          text: 'sectionNewUserText',
        },
        { action: 'token.read', href: '/admin/tokens', title: 'sectionTokens', text: 'sectionTokensText' },
      ];
      return sendPage(
        reply,
        <AdminPage ctx={ctx} title={t('indexTitle')} crumbs={[]}>
          <h1 class="fj-heading-l">{t('indexTitle')}</h1>
          <p class="fj-body">{t('indexLead')}</p>
          {sections
            .filter((section) => mayEver(actor, section.action))
            .map((section) => (
              <div key={section.href}>
                <h2 class="fj-heading-m">
                  <a href={section.href}>{t(section.title)}</a>
                </h2>
                <p class="fj-body">{t(section.text)}</p>
              </div>
            ))}
        </AdminPage>,
      );
    },
  );
}
