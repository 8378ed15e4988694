// What the benchmarks share: a bare Fastify baseline in its own process, memory readings, and running on each engine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db/index.ts';
import { childEnv } from '../test/support/processes.ts';
import { databaseUrl, repoRoot } from '../test/support/templates.ts';

export const rssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

/** Fastify with one route and no plugins, started like the platform: the baseline ratios are taken against. */
export async function bareBaseline(port: number, bodyFile?: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), ...(bodyFile ? { BARE_BODY_FILE: bodyFile } : {}) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

/** The value below which a share of the figures lies (p95: share 0.95), nearest rank. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

/** Every benchmark server runs with these: its own load must not be throttled, nor its log fill the disk. */
const benchEnv = { FUJU_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn', FUJU_DEMO_PASSWORD: 'bench-demo-password' };

export type Engine = 'PGlite' | 'PostgreSQL';

/**
 * Runs a measurement against a fresh PGlite data folder, then, when
 * DATABASE_URL is set, against a fresh database on that PostgreSQL server;
 * each is deleted afterwards.
 */
export async function onEachEngine<T>(
  folderPrefix: string,
  measure: (engine: Engine, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  try {
    results.push(await measure('PGlite', childEnv({ ...benchEnv, FUJU_DATA_DIR: dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const server = process.env.DATABASE_URL;
  if (server) {
    const admin = openPostgres(server, { max: 1 });
    const name = `fuju_bench_${randomBytes(4).toString('hex')}`;
    await admin.exec(`create database ${name}`);
    try {
      results.push(
        await measure('PostgreSQL', childEnv({ ...benchEnv, DATABASE_URL: databaseUrl(server, name) })),
      );
    } finally {
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  }
  return results;
}

/** One request at a time on an idle server: status, size and the median of five timings (after one warm-up). */
export async function oneAtATime(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ bodyKb: number; singleMs: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    if (i > 0) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { bodyKb: bytes / 1024, singleMs: percentile(times, 0.5) };
}

/** Load with every response's time recorded, for a p95 (autocannon's histogram has p90 and p97.5, not p95). */
export async function loadWithTimes(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
) {
  const times: number[] = [];
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) => {
        times.push(responseTime);
      });
    },
  });
  return { result, times };
}

/** One route's figures under load. */
export interface RouteFigures {
  readonly name: string;
  readonly path: string;
  readonly bodyKb: number;
  readonly singleMs: number;
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Prints the routes' figures as a table, each throughput also as a ratio of the bare baseline. */
export function printRoutes(routes: readonly RouteFigures[], bareRps: number, nameWidth = 13): void {
  console.log(
    `  ${'route'.padEnd(nameWidth)}  one request   body     req/s  ratio     p50      p95      p99  non-2xx  errors  path`,
  );
  for (const f of routes) {
    console.log(
      [
        `  ${f.name.padEnd(nameWidth)}`,
        ms(f.singleMs).padStart(11),
        `${f.bodyKb.toFixed(0)} KB`.padStart(7),
        f.rps.toFixed(0).padStart(8),
        (f.rps / bareRps).toFixed(3).padStart(6),
        ms(f.p50).padStart(9),
        ms(f.p95).padStart(8),
        ms(f.p99).padStart(8),
        String(f.non2xx).padStart(8),
        String(f.errors).padStart(7),
        ` ${f.path}`,
      ].join(' '),
    );
  }
}

/** Every route over the p95 limit or with a failed response; printed, and the exit code set, when any. */
export function reportFailures(
  results: readonly { readonly engine: string; readonly routes: readonly RouteFigures[] }[],
  p95LimitMs: number,
): void {
  const failures = results.flatMap((r) =>
    r.routes.flatMap((f) => [
      ...(!(f.p95 < p95LimitMs) ? [`${r.engine} ${f.path}: p95 ${ms(f.p95)}`] : []),
      ...(f.non2xx > 0 || f.errors > 0
        ? [`${r.engine} ${f.path}: ${f.non2xx} non-2xx, ${f.errors} errors`]
        : []),
    ]),
  );
  if (failures.length > 0) {
    console.log(`\nover the limits: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}
