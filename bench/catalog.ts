import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { childEnv, freePort, fuju, type Server, startServer } from '../test/support/processes.ts';
import { bareBaseline, onEachEngine, percentile, rssMb } from './support.ts';

const productCount = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const importSupplier = '示例康行辅具科技有限公司';

/**
 * What residents type — words, two-character words, pinyin, initials,
 * traditional characters, English, typos — crossed with filters, sorts and
 * pages: thousands of different questions, so nearly every search is
 * computed, not answered from the cache of repeated questions.
 */
const words = [
  '轮椅',
  '电动轮椅',
  '助听器',
  '拐杖',
  '手杖',
  '助行器',
  '放大镜',
  '护理床',
  '坐便椅',
  '洗澡椅',
  '盲杖',
  '假肢',
  '矫形器',
  '外骨骼',
  '读屏',
  '盲文',
  '坐垫',
  'lunyi',
  'ly',
  'zhutingqi',
  'ztq',
  'wheelchair',
  'hearing aid',
  'walker',
  'magnifier',
  '輪椅',
  '助聽器',
  'wheelchiar',
  'hearring',
  '折叠',
  '轻便',
  '儿童',
];
const filters = [
  '',
  'iso=12',
  'iso=22',
  'iso=09',
  'function=mobility',
  'function=hearing',
  'disability=visual',
  'priceMin=50000&priceMax=300000',
  'subsidy=yes',
  'sort=price_asc',
  'sort=newest',
];
function searchPaths(): string[] {
  const paths = new Set<string>();
  for (const a of words)
    for (const b of ['', ...words.slice(0, 12)])
      for (const filter of filters)
        for (const page of [1, 2])
          paths.add(
            `/api/v1/products?q=${encodeURIComponent(b && b !== a ? `${a} ${b}` : a)}${filter ? `&${filter}` : ''}&page=${page}`,
          );
  // A fixed shuffle, so runs ask the same questions in the same order.
  const list = [...paths];
  let seed = 7;
  for (let i = list.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j] as string, list[i] as string];
  }
  return list;
}
const paths = searchPaths();

interface Figures {
  engine: string;
  indexLoadMs: number;
  serverRssMb: number;
  searchP50: number;
  searchP95: number;
  searchP99: number;
  searchComputed: number;
  searchCached: number;
  latencyP97_5: number;
  searchRps: number;
  apiRps: number;
  bareRps: number;
  bareBodyRps: number;
  healthRps: number;
  bodyKb: number;
  importMs: number;
  importPeakMb: number;
  importStatus: string;
}

const must = (result: { code: number | null; stdout: string; stderr: string }, what: string) => {
  if (result.code !== 0) throw new Error(`${what} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
};

async function searchServerTimes(
  server: Server,
): Promise<{ computed: number[]; cached: number; latencyP97_5: number; rps: number }> {
  const computed: number[] = [];
  let cached = 0;
  let next = 0;
  const result = await autocannon({
    url: server.url,
    connections,
    duration: loadSeconds,
    requests: [
      {
        method: 'GET' as const,
        // Every request takes the next question, whichever connection sends it.
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] as string }),
        onResponse: (_status: number, _body: string, _context: object, headers?: Record<string, unknown>) => {
          const timing = String(headers?.['server-timing'] ?? '');
          const total = /total;dur=([\d.]+)/.exec(timing);
          if (timing.includes('desc=cached')) cached++;
          else if (total) computed.push(Number(total[1]));
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`search load: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { computed, cached, latencyP97_5: result.latency.p97_5, rps: result.requests.average };
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections, duration: Math.max(3, loadSeconds / 2) });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function measure(engine: string, env: NodeJS.ProcessEnv, importFile: string): Promise<Figures> {
  // An empty database: the first start migrates and adds the demo data.
  let server = await startServer(env, await freePort(), 120_000);
  await server.stop('SIGTERM');
  process.stdout.write(`${engine}: adding ${productCount} synthetic published products…\n`);
  must(await fuju(['gen', 'products', '--count', String(productCount)], env), 'fuju gen products');

  process.stdout.write(`${engine}: importing ${productCount} products from xlsx…\n`);
  const started = performance.now();
  const imported = await fuju(
    ['import', 'products', '--supplier', importSupplier, '--file', importFile],
    env,
  );
  const importMs = performance.now() - started;
  const importOut = must(imported, 'fuju import products');
  const importPeakMb = Number(/peak memory (\d+) MB/.exec(importOut)?.[1] ?? Number.NaN);
  const importStatus = /^(imported|refused|failed)/m.exec(importOut)?.[1] ?? 'unknown';

  server = await startServer(env, await freePort(), 120_000);
  const loadStarted = performance.now();
  const first = await fetch(`${server.url}/api/v1/products?q=${encodeURIComponent('轮椅')}`);
  if (!first.ok) throw new Error(`first search: ${first.status}`);
  const indexLoadMs = performance.now() - loadStarted;
  // A second baseline: bare Fastify sending the very bytes of this answer.
  const bodyFile = join(workDir, `body-${engine}.json`);
  writeFileSync(bodyFile, await first.text());
  const bare = await bareBaseline(await freePort());
  const bareBody = await bareBaseline(await freePort(), bodyFile);
  try {
    const serverRssMb = rssMb(server.child.pid as number);
    // Warm both, then bare, catalog, bare again: the ratio uses the mean baseline.
    const apiUrl = `${server.url}/api/v1/products?q=${encodeURIComponent('轮椅')}`;
    await autocannon({ url: bare.url, connections, duration: 1 });
    await autocannon({ url: apiUrl, connections, duration: 1 });
    const search = await searchServerTimes(server);
    const bare1 = await requestsPerSecond(bare.url);
    const apiRps = await requestsPerSecond(apiUrl);
    const bare2 = await requestsPerSecond(bare.url);
    const bareBodyRps = await requestsPerSecond(`${bareBody.url}body`);
    // The platform's own floor: its lightest route through the same hooks (security headers, CSP nonces, ids).
    const healthRps = await requestsPerSecond(`${server.url}/healthz`);
    return {
      engine,
      indexLoadMs,
      serverRssMb,
      searchP50: percentile(search.computed, 0.5),
      searchP95: percentile(search.computed, 0.95),
      searchP99: percentile(search.computed, 0.99),
      searchComputed: search.computed.length,
      searchCached: search.cached,
      latencyP97_5: search.latencyP97_5,
      searchRps: search.rps,
      apiRps,
      bareRps: (bare1 + bare2) / 2,
      bareBodyRps,
      healthRps,
      bodyKb: statSync(bodyFile).size / 1024,
      importMs,
      importPeakMb,
      importStatus,
    };
  } finally {
    bare.stop();
    bareBody.stop();
    await server.stop('SIGTERM');
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'fuju-bench-catalog-'));
let results: Figures[];
try {
  const importFile = join(workDir, 'products.xlsx');
  process.stdout.write(`writing ${productCount} products to an xlsx file…\n`);
  must(
    await fuju(
      ['gen', 'products', '--count', String(productCount), '--seed', '7', '--xlsx', importFile],
      childEnv({}),
    ),
    'fuju gen products --xlsx',
  );
  results = await onEachEngine('fuju-bench-catalog-data-', (engine, env) => measure(engine, env, importFile));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(
  `\nFuju catalog benchmark (Node ${process.version}, ${productCount} published products + ${productCount} imported drafts, ` +
    `${connections} connections, ${loadSeconds}s of search load over ${paths.length} different questions)\n`,
);
for (const r of results) {
  console.log(`${r.engine}`);
  console.log(
    `  first search after start     ${ms(r.indexLoadMs)}; server RSS after ${r.serverRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  search server time           p50 ${ms(r.searchP50)}  p95 ${ms(r.searchP95)}  p99 ${ms(r.searchP99)}  (limit p95 20 ms; ` +
      `${r.searchComputed} computed searches, ${r.searchCached} repeated ones answered from the cache and left out)`,
  );
  console.log(`  search at the client         p97.5 ${ms(r.latencyP97_5)}, ${r.searchRps.toFixed(0)} req/s`);
  console.log(
    `  q=轮椅 throughput (repeated) ${r.apiRps.toFixed(0)} req/s; bare Fastify ${r.bareRps.toFixed(0)} req/s; ratio ${(r.apiRps / r.bareRps).toFixed(3)} (limit ≥ 0.30)`,
  );
  console.log(
    `  same bytes from bare Fastify ${r.bareBodyRps.toFixed(0)} req/s; ratio ${(r.apiRps / r.bareBodyRps).toFixed(3)} (the answer is ${r.bodyKb.toFixed(1)} KB)`,
  );
  console.log(
    `  platform /healthz            ${r.healthRps.toFixed(0)} req/s; ratio to bare ${(r.healthRps / r.bareRps).toFixed(3)} (the most any route of the platform can reach)`,
  );
  console.log(
    `  xlsx import                  ${r.importStatus}, ${(r.importMs / 1000).toFixed(1)} s, peak ${r.importPeakMb} MB (limits 60 s, 1024 MB)`,
  );
}
const failures = results.flatMap((r) => [
  ...(r.searchP95 >= 20 ? [`${r.engine}: search p95 ${ms(r.searchP95)}`] : []),
  ...(r.apiRps / r.bareRps < 0.3
    ? [`${r.engine}: throughput ratio ${(r.apiRps / r.bareRps).toFixed(3)}`]
    : []),
  ...(r.importStatus !== 'imported' || r.importMs > 60_000 || !(r.importPeakMb < 1024)
    ? [`${r.engine}: import ${r.importStatus} ${(r.importMs / 1000).toFixed(1)} s ${r.importPeakMb} MB`]
    : []),
]);
if (failures.length > 0) {
  console.log(`\nover the limits: ${failures.join('; ')}`);
  process.exitCode = 1;
}
