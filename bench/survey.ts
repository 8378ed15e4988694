// The need analytics of a campaign of 400,000 responses: the analytics page and the API, one request at a time.
import { loadConfig } from '../src/config.ts';
import { insertSubmittedResponses, type KeyedResponse } from '../src/modules/survey/bulkResponses.ts';
import { insertCampaign, installQuestionnaire, listCampaigns } from '../src/modules/survey/campaignRepo.ts';
import { generateResponse, seededRandom } from '../src/modules/survey/domain/generate.ts';
import { needsQuestionnaire } from '../src/modules/survey/domain/needsQuestionnaire.ts';
import { rebuildCampaignTally } from '../src/modules/survey/tallyRepo.ts';
import { loadKeyring } from '../src/platform/crypto/index.ts';
import { openCommandDatabase, sql } from '../src/platform/db/index.ts';
import { freePort, type Server, startServer } from '../test/support/processes.ts';
import { signIn } from './fitting-support.ts';
import { bareBaseline, ms, onEachEngine, percentile, rssMb } from './support.ts';

const responseCount = Number(process.env.BENCH_RESPONSES ?? 400_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 20);
const p95LimitMs = 2000;
const chunk = 10_000;
const districts = ['610102', '610103', '610104', '610111', '610112', '610113', '610114', '610115', '610116'];

const progress = (text: string) => process.stdout.write(`\r  ${text}`.padEnd(72));

/**
 * A closed campaign with generated responses, put into the running server's
 * database (through its socket on PGlite) the way the demo loads its own:
 * sealed responses in bulk, then one recount of the tallies.
 */
async function addCampaign(env: NodeJS.ProcessEnv): Promise<{ id: string; compareWith: string | null }> {
  const config = loadConfig(env);
  const opened = await openCommandDatabase(config);
  try {
    const { db } = opened;
    const keyring = await loadKeyring(db, config.masterKey as Buffer);
    const [worker] = await db.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-community-worker'`,
    );
    if (worker === undefined) throw new Error('the demo data has no demo-community-worker');
    const id = await db.transaction(async (tx) =>
      insertCampaign(
        tx,
        {
          questionnaireId: await installQuestionnaire(tx, needsQuestionnaire),
          title: { zh: '全市科技助残需求调查（基准测试）', en: 'City-wide needs survey (benchmark)' },
          startsOn: '2025-09-01',
          endsOn: '2025-12-31',
          districtCodes: districts,
          disabilityCategories: [],
        },
        'closed',
        null,
      ),
    );
    const random = seededRandom(400_000);
    for (let done = 0; done < responseCount; done += chunk) {
      const batch: KeyedResponse[] = Array.from({ length: Math.min(chunk, responseCount - done) }, () => ({
        ...generateResponse(random, districts),
        submittedAt: '2025-11-15T10:00:00+08:00',
      }));
      await db.transaction((tx) => insertSubmittedResponses(tx, keyring, id, worker.id, batch));
      progress(`responses loaded: ${done + batch.length} of ${responseCount}`);
    }
    await db.transaction((tx) =>
      rebuildCampaignTally(tx, keyring, id, (counted) => progress(`responses tallied: ${counted}`)),
    );
    await db.query(sql`analyze survey_tally`);
    process.stdout.write('\n');
    const other = (await listCampaigns(db)).find((c) => c.id !== id && c.status !== 'draft');
    return { id, compareWith: other?.id ?? null };
  } finally {
    await opened.close();
  }
}

interface Timed {
  readonly name: string;
  readonly path: string;
  readonly kb: number;
  /** The first request: nothing drawn or read yet (the charts are kept once drawn). */
  readonly first: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly failures: number;
}

/** `requests` requests one after another (after two to warm up), each timed to its last byte. */
async function time(name: string, url: string, headers: Record<string, string>): Promise<Timed> {
  const times: number[] = [];
  let first = 0;
  let bytes = 0;
  let failures = 0;
  for (let i = 0; i < requests + 2; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    const body = await response.arrayBuffer();
    if (response.status !== 200) failures += 1;
    if (i === 0) first = performance.now() - started;
    if (i >= 2) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return {
    name,
    path: new URL(url).pathname + new URL(url).search,
    kb: bytes / 1024,
    first,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: Math.max(...times),
    failures,
  };
}

async function measure(engine: string, env: NodeJS.ProcessEnv) {
  // The first start migrates and adds the demo data; the campaign goes in while the second runs.
  let server: Server = await startServer(env, await freePort(), 180_000);
  await server.stop('SIGTERM');
  server = await startServer(env, await freePort(), 180_000);
  const bare = await bareBaseline(await freePort());
  try {
    const seeding = performance.now();
    const { id, compareWith } = await addCampaign(env);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const cookie = await signIn(server, 'demo-researcher');
    const headers = { cookie };
    const page = `${server.url}/needs/campaigns/${id}`;
    const timed = [await time('bare Fastify', bare.url, {})];
    timed.push(await time('analytics page', page, headers));
    timed.push(await time('page, one district', `${page}?district=610113`, headers));
    if (compareWith !== null)
      timed.push(await time('page, compared', `${page}?compare=${compareWith}`, headers));
    timed.push(await time('API', `${server.url}/api/v1/campaigns/${id}/analytics`, headers));
    timed.push(await time('xlsx download', `${page}/analytics.xlsx`, headers));
    timed.push(await time('bare Fastify', bare.url, {}));
    return { engine, seedSeconds, rssMb: rssMb(server.child.pid as number), timed };
  } finally {
    bare.stop();
    await server.stop('SIGTERM');
  }
}

const started = performance.now();
const results = await onEachEngine('fuju-bench-survey-', measure);

console.log(
  `\nFuju need analytics benchmark (Node ${process.version}, demo database + a campaign of ${responseCount} generated ` +
    `responses; ${requests} requests one at a time per route after two to warm up; limit: p95 < ${p95LimitMs} ms, ` +
    `every answer 200)\n`,
);
const failures: string[] = [];
for (const r of results) {
  console.log(
    `${r.engine}: campaign loaded and tallied in ${r.seedSeconds.toFixed(1)} s; server RSS ${r.rssMb.toFixed(0)} MB`,
  );
  console.log(`  ${'route'.padEnd(20)}    first       p50       p95       max     body  failed  path`);
  for (const f of r.timed) {
    console.log(
      `  ${f.name.padEnd(20)} ${ms(f.first).padStart(9)} ${ms(f.p50).padStart(9)} ${ms(f.p95).padStart(9)} ${ms(f.max).padStart(9)} ` +
        `${`${f.kb.toFixed(0)} KB`.padStart(8)} ${String(f.failures).padStart(7)}  ${f.path}`,
    );
    if (f.name !== 'bare Fastify' && (!(f.p95 < p95LimitMs) || f.failures > 0)) {
      failures.push(`${r.engine} ${f.path}: p95 ${ms(f.p95)}, ${f.failures} failed`);
    }
  }
}
console.log(`\nwhole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (failures.length > 0) {
  console.log(`over the limits: ${failures.join('; ')}`);
  process.exitCode = 1;
}
