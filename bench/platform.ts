import autocannon from 'autocannon';
import { freePort, type Server, startServer } from '../test/support/processes.ts';
import { bareBaseline, onEachEngine, rssMb } from './support.ts';

const loadSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 10;

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections, duration: loadSeconds });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

interface Figures {
  engine: string;
  coldStartMs: number;
  restartMs: number;
  idleRssMb: number;
  homeRps: number;
  bareRps: number;
}

async function measure(engine: string, env: NodeJS.ProcessEnv): Promise<Figures> {
  let server: Server = await startServer(env, await freePort(), 60_000);
  const coldStartMs = server.startedInMs;
  await server.stop('SIGTERM');
  server = await startServer(env, await freePort(), 60_000);
  const restartMs = server.startedInMs;
  await new Promise((r) => setTimeout(r, 3000)); // let start-up garbage be collected
  const idleRssMb = rssMb(server.child.pid as number);
  const bare = await bareBaseline(await freePort());
  try {
    // Warm both, then measure bare, platform, bare again: the ratio uses the mean baseline.
    await autocannon({ url: bare.url, connections, duration: 1 });
    await autocannon({ url: `${server.url}/`, connections, duration: 1 });
    const bare1 = await requestsPerSecond(bare.url);
    const homeRps = await requestsPerSecond(`${server.url}/`);
    const bare2 = await requestsPerSecond(bare.url);
    return { engine, coldStartMs, restartMs, idleRssMb, homeRps, bareRps: (bare1 + bare2) / 2 };
  } finally {
    bare.stop();
    await server.stop('SIGTERM');
  }
}

const results: Figures[] = await onEachEngine('fuju-bench-', measure);

const limits: Record<string, number> = { PGlite: 700, PostgreSQL: 200 };
console.log(
  `\nFuju platform benchmark (Node ${process.version}, ${loadSeconds}s of load, ${connections} connections)\n`,
);
console.log('engine       cold start  restart  idle RSS  limit  home req/s  bare req/s  home/bare');
for (const r of results) {
  console.log(
    [
      r.engine.padEnd(11),
      `${(r.coldStartMs / 1000).toFixed(2)} s`.padStart(11),
      `${(r.restartMs / 1000).toFixed(2)} s`.padStart(8),
      `${r.idleRssMb.toFixed(0)} MB`.padStart(9),
      `${limits[r.engine]} MB`.padStart(6),
      r.homeRps.toFixed(0).padStart(11),
      r.bareRps.toFixed(0).padStart(11),
      (r.homeRps / r.bareRps).toFixed(3).padStart(10),
    ].join(' '),
  );
}
const over = results.filter((r) => r.idleRssMb > (limits[r.engine] ?? Number.POSITIVE_INFINITY));
if (over.length > 0) {
  console.log(`\nidle RSS over its limit: ${over.map((r) => r.engine).join(', ')}`);
  process.exitCode = 1;
}
