import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Assets } from '../http/assets.ts';
import { pageContext, sendPage } from '../http/context.ts';
import { PageQuery } from '../http/schemas.ts';
import { componentExamples } from './components/examples.tsx';
import { Layout } from './layout.tsx';
import { shellMessages } from './messages.ts';

/**
 * Every component example on one page (demo mode only), so the browser suite
 * checks each component's states with axe in real Chromium, with real styles.
 */
export function galleryRoutes(
  app: FastifyInstance,
  { config, assets }: { config: Config; assets: Assets },
): void {
  if (!config.demo) return;
  app.get(
    '/design/components',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = shellMessages.for(ctx.locale);
      const components = [...new Set(componentExamples.map((e) => e.component))];
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('galleryTitle')}>
          <h1 class="fj-heading-l">{t('galleryTitle')}</h1>
          <p class="fj-body">{t('galleryIntro')}</p>
          <div lang="zh-CN">
            {components.map((component) => (
              <section aria-label={component}>
                <h2 class="fj-heading-m" lang="en">
                  {component}
                </h2>
                {componentExamples
                  .filter((e) => e.component === component)
                  .map((example) => (
                    <div class="fj-gallery__example">
                      <p class="fj-gallery__name">{example.name}</p>
                      {example.render()}
                    </div>
                  ))}
              </section>
            ))}
          </div>
        </Layout>,
      );
    },
  );
}
