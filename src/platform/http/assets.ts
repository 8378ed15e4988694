import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const assetDir = new URL('../ui/assets/', import.meta.url);

export interface Assets {
  readonly urls: { readonly css: string; readonly js: string };
}

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * The stylesheet and the enhancement script, read once at start and served
 * under content-hashed names, so browsers may cache them for a year.
 */
export function loadAssets(): Assets & { readonly files: ReadonlyMap<string, Asset> } {
  const read = (name: string) => readFileSync(new URL(name, assetDir));
  const css = Buffer.concat([read('base.css'), Buffer.from('\n'), read('components.css')]);
  const js = read('fuju.js');
  const named = (stem: string, ext: string, body: Buffer) =>
    `${stem}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;
  const cssName = named('fuju', 'css', css);
  const jsName = named('fuju', 'js', js);
  return {
    urls: { css: `/assets/${cssName}`, js: `/assets/${jsName}` },
    files: new Map([
      [cssName, { body: css, type: 'text/css; charset=utf-8' }],
      [jsName, { body: js, type: 'text/javascript; charset=utf-8' }],
    ]),
  };
}

export function assetRoutes(app: FastifyInstance, assets: ReturnType<typeof loadAssets>): void {
  app.get(
    '/assets/:name',
    {
      schema: { hide: true, params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9.-]{1,64}$' }) }) },
      config: { rateLimit: false, access: 'public' },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const asset = assets.files.get(name);
      if (!asset) return reply.callNotFound();
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(asset.type)
        .send(asset.body);
    },
  );
}
