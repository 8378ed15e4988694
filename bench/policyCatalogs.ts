import autocannon from 'autocannon';
import { freePort, type Server, startServer } from '../test/support/processes.ts';
import {
  bareBaseline,
  loadWithTimes,
  onEachEngine,
  oneAtATime,
  percentile,
  printRoutes,
  type RouteFigures,
  reportFailures,
  rssMb,
} from './support.ts';

const loadSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 10;
const p95LimitMs = 100;

const routes = [
  { name: 'catalog page', path: '/subsidy-catalogs/2026' },
  { name: 'item page', path: '/subsidy-catalogs/2026/items/12220301' },
  { name: 'diff page', path: '/subsidy-catalogs/diff?from=2025&to=2026' },
  { name: 'API current', path: '/api/v1/subsidy-catalogs/current' },
  { name: 'xlsx export', path: '/subsidy-catalogs/2026/export.xlsx' },
  { name: 'notices', path: '/notices' },
] as const;

interface Figures {
  engine: string;
  apiItems: number;
  apiProducts: number;
  startRssMb: number;
  rssMb: number;
  bareRps: number;
  healthRps: number;
  routes: RouteFigures[];
}

const load = (url: string) => loadWithTimes(url, { connections, seconds: loadSeconds });

async function requestsPerSecond(url: string): Promise<number> {
  const { result } = await load(url);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function measure(engine: string, env: NodeJS.ProcessEnv): Promise<Figures> {
  // An empty database: the first start migrates and adds the demo data, the policy catalogs among it.
  let server: Server = await startServer(env, await freePort(), 120_000);
  await server.stop('SIGTERM');
  server = await startServer(env, await freePort(), 120_000);
  const bare = await bareBaseline(await freePort());
  try {
    const current = (await (
      await fetch(`${server.url}/api/v1/subsidy-catalogs/current`, { signal: AbortSignal.timeout(30_000) })
    ).json()) as { items: { products: unknown[] }[] };
    const apiItems = current.items.length;
    const apiProducts = current.items.reduce((sum, item) => sum + item.products.length, 0);
    const single = [];
    for (const route of routes) single.push(await oneAtATime(`${server.url}${route.path}`));
    const startRssMb = rssMb(server.child.pid as number);

    // Warm bare once; then bare, each route (warmed for a second first), bare again: the ratio uses the mean.
    await autocannon({ url: bare.url, connections, duration: 1 });
    const bare1 = await requestsPerSecond(bare.url);
    const measured: RouteFigures[] = [];
    for (const [i, route] of routes.entries()) {
      const url = `${server.url}${route.path}`;
      await autocannon({ url, connections, duration: 1 });
      const { result, times } = await load(url);
      measured.push({
        ...route,
        ...(single[i] as { bodyKb: number; singleMs: number }),
        rps: result.requests.average,
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        p99: percentile(times, 0.99),
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
    const serverRssMb = rssMb(server.child.pid as number);
    // The platform's own floor: its lightest route through the same hooks (security headers, CSP nonces, ids).
    const healthRps = await requestsPerSecond(`${server.url}/healthz`);
    const bare2 = await requestsPerSecond(bare.url);
    return {
      engine,
      apiItems,
      apiProducts,
      startRssMb,
      rssMb: serverRssMb,
      bareRps: (bare1 + bare2) / 2,
      healthRps,
      routes: measured,
    };
  } finally {
    bare.stop();
    await server.stop('SIGTERM');
  }
}

const results: Figures[] = await onEachEngine('fuju-bench-policy-', measure);

console.log(
  `\nFuju policy-catalogs benchmark (Node ${process.version}, demo database, ${connections} connections, ` +
    `${loadSeconds}s of load per route; limits: p95 < ${p95LimitMs} ms, no non-2xx, no errors)\n`,
);
for (const r of results) {
  console.log(`${r.engine} (API current: ${r.apiItems} items, ${r.apiProducts} admitted products)`);
  console.log(
    `  bare Fastify ${r.bareRps.toFixed(0)} req/s; platform /healthz ${r.healthRps.toFixed(0)} req/s ` +
      `(ratio ${(r.healthRps / r.bareRps).toFixed(3)}); server RSS ${r.startRssMb.toFixed(0)} MB before the load, ` +
      `${r.rssMb.toFixed(0)} MB after`,
  );
  printRoutes(r.routes, r.bareRps, 13);
}
reportFailures(results, p95LimitMs);
