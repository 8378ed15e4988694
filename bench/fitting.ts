// The fitting work queue with 100,000 cases: a district reviewer's and the city's queue pages and the API list.
import autocannon from 'autocannon';
import { freePort, type Server, startServer } from '../test/support/processes.ts';
import { addCases, signIn } from './fitting-support.ts';
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

const caseCount = Number(process.env.BENCH_CASES ?? 100_000);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 5);
/**
 * Concurrent requests per engine. PostgreSQL runs each connection in its own
 * process; embedded PGlite runs one statement at a time for the whole app, so
 * its latency under load is its queue: it is held to the limit at the load a
 * district office makes (a few people at once) and measured at the full load
 * too, reported without a limit.
 */
const connectionsOf = (engine: string) =>
  Number(
    engine === 'PGlite' ? (process.env.BENCH_PGLITE_CONNECTIONS ?? 4) : (process.env.BENCH_CONNECTIONS ?? 10),
  );
const fullLoad = Number(process.env.BENCH_CONNECTIONS ?? 10);
const p95LimitMs = 50;

const routes = [
  { name: 'district queue', user: 'demo-district-reviewer', path: '/cases' },
  { name: 'district status', user: 'demo-district-reviewer', path: '/cases?status=submitted' },
  { name: 'district overdue', user: 'demo-district-reviewer', path: '/cases?overdue=1&sort=newest' },
  { name: 'district page 20', user: 'demo-district-reviewer', path: '/cases?sort=newest&page=20' },
  { name: 'city queue', user: 'demo-city-admin', path: '/cases' },
  { name: 'city status', user: 'demo-city-admin', path: '/cases?status=prescribed&sort=oldest' },
  { name: 'API list', user: 'demo-district-reviewer', path: '/api/v1/applications' },
] as const;

async function measure(engine: string, env: NodeJS.ProcessEnv) {
  const connections = connectionsOf(engine);
  // The first start migrates and adds the demo data; the cases go in while the second runs.
  let server: Server = await startServer(env, await freePort(), 120_000);
  await server.stop('SIGTERM');
  server = await startServer(env, await freePort(), 120_000);
  const bare = await bareBaseline(await freePort());
  try {
    const seeding = performance.now();
    await addCases(env, caseCount);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const cookies = new Map<string, string>();
    for (const route of routes)
      if (!cookies.has(route.user)) cookies.set(route.user, await signIn(server, route.user));
    const startRssMb = rssMb(server.child.pid as number);
    await autocannon({ url: bare.url, connections, duration: 1 });
    const bare1 = (await autocannon({ url: bare.url, connections, duration: loadSeconds })).requests.average;
    const measured: RouteFigures[] = [];
    for (const route of routes) {
      const url = `${server.url}${route.path}`;
      const headers = { cookie: cookies.get(route.user) as string };
      const single = await oneAtATime(url, headers);
      await loadWithTimes(url, { connections, seconds: 1, headers });
      const { result, times } = await loadWithTimes(url, { connections, seconds: loadSeconds, headers });
      measured.push({
        name: route.name,
        path: route.path,
        ...single,
        rps: result.requests.average,
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        p99: percentile(times, 0.99),
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
    const bare2 = (await autocannon({ url: bare.url, connections, duration: loadSeconds })).requests.average;
    // What the embedded engine does at the full load, for the reader: not held to the limit.
    const [first] = routes;
    let atFullLoad: { p50: number; p95: number; rps: number } | null = null;
    if (first && connections < fullLoad) {
      const url = `${server.url}${first.path}`;
      const { result, times } = await loadWithTimes(url, {
        connections: fullLoad,
        seconds: loadSeconds,
        headers: { cookie: cookies.get(first.user) as string },
      });
      atFullLoad = {
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        rps: result.requests.average,
      };
    }
    return {
      engine,
      connections,
      atFullLoad,
      seedSeconds,
      startRssMb,
      rssMb: rssMb(server.child.pid as number),
      bareRps: (bare1 + bare2) / 2,
      routes: measured,
    };
  } finally {
    bare.stop();
    await server.stop('SIGTERM');
  }
}

const results = await onEachEngine('fuju-bench-fitting-', measure);

console.log(
  `\nFuju fitting work-queue benchmark (Node ${process.version}, demo database + ${caseCount} generated cases, ` +
    `${loadSeconds}s of load per route; limits: p95 < ${p95LimitMs} ms, no non-2xx, no errors)\n`,
);
for (const r of results) {
  console.log(
    `${r.engine}, ${r.connections} connections: cases added in ${r.seedSeconds.toFixed(1)} s; ` +
      `bare Fastify ${r.bareRps.toFixed(0)} req/s; ` +
      `server RSS ${r.startRssMb.toFixed(0)} MB before the load, ${r.rssMb.toFixed(0)} MB after`,
  );
  printRoutes(r.routes, r.bareRps, 17);
  if (r.atFullLoad)
    console.log(
      `  at ${fullLoad} connections (not held to the limit): ${routes[0].path} p50 ${r.atFullLoad.p50.toFixed(1)} ms, ` +
        `p95 ${r.atFullLoad.p95.toFixed(1)} ms, ${r.atFullLoad.rps.toFixed(0)} req/s`,
    );
}
reportFailures(results, p95LimitMs);
