import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { actorResolver } from './modules/identity/index.ts';
import { modules as allModules } from './modules/index.ts';
import { authentication } from './platform/auth/index.ts';
import type { Keyring } from './platform/crypto/index.ts';
import type { Db } from './platform/db/index.ts';
import { assetRoutes, loadAssets } from './platform/http/assets.ts';
import { requestContext } from './platform/http/context.ts';
import { errorHandling } from './platform/http/errors.tsx';
import { healthRoutes } from './platform/http/health.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { openApiRoutes, registerOpenApi } from './platform/http/openapi.tsx';
import { requireSchemas } from './platform/http/schemaGuard.ts';
import { security } from './platform/http/security.ts';
import { type FujuModule, ownDataOf } from './platform/module.ts';
import { galleryRoutes } from './platform/ui/gallery.tsx';

export interface AppDeps {
  readonly config: Config;
  readonly db: Db;
  /** Seals and opens personal data; loaded once at start-up from the master key. */
  readonly keyring: Keyring;
  readonly modules?: readonly FujuModule[];
  /** Where log lines go; tests pass a stream to inspect them. */
  readonly logStream?: NodeJS.WritableStream;
  /** Cookie-signing secret when the configuration has none (a random one per process). */
  readonly cookieSecret: string;
}

/** Builds the whole platform as one Fastify instance. Never listens: main.ts does. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, keyring } = deps;
  const logging = loggerOptions(config.logLevel);
  const app = Fastify({
    ...logging,
    logger: deps.logStream ? { ...(logging.logger as object), stream: deps.logStream } : logging.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Idle keep-alive connections are closed at shutdown; in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    // A body field a schema does not allow is refused (400), not silently dropped: a form that
    // posts what it should not (SECURITY.md 8: `grade`, `subsidyAmount`…) is told so.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  requireSchemas(app);
  // While shutting down, responses to requests already in flight close their
  // connection, so a keep-alive client cannot hold the process open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  const assets = loadAssets();
  await app.register(cookie, { secret: config.cookieSecret ?? deps.cookieSecret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Context first: even a request refused by a security hook gets a page in its language.
  await app.register(requestContext, { config });
  await app.register(security, { config });
  // Before any route, so every route must declare who may reach it.
  await app.register(authentication, {
    db,
    resolveActor: actorResolver(config, db),
    signInPath: '/login',
    secondFactorPath: () => '/login/two-factor',
  });
  await registerOpenApi(app, config);
  errorHandling(app, { config, assets });

  healthRoutes(app, db);
  assetRoutes(app, assets);
  openApiRoutes(app, { config, assets });
  galleryRoutes(app, { config, assets });
  const modules = deps.modules ?? allModules;
  const ownData = ownDataOf(modules, { db, keyring });
  for (const module of modules) {
    await app.register(async (scope) => module.routes(scope, { config, db, assets, keyring, ownData }), {
      name: module.name,
    });
  }
  return app;
}
