import { type ChildProcess, spawn } from 'node:child_process';
import { scanLog } from './scan.ts';
import { repoRoot, testMasterKeyBase64 } from './templates.ts';

/** The environment a child process gets: this one, minus anything that would pick a database. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    // Production refuses to start without one; demo mode would write one into the data folder.
    FUJU_MASTER_KEY: testMasterKeyBase64,
  };
  delete env.DATABASE_URL;
  delete env.FUJU_DATA_DIR;
  delete env.FUJU_TEST_DATABASE;
  return { ...env, ...extra };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (bounded by `timeoutMs`). */
export function run(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} ran longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const fuju = (args: string[], env: NodeJS.ProcessEnv) => run(['bin/fuju.js', ...args], env);

export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly startedInMs: number;
  output(): string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `npm start`'s command on a free port and waits for the first 200 on /healthz. */
export async function startServer(env: NodeJS.ProcessEnv, port: number, timeoutMs = 30_000): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d;
    scanLog(d.toString('utf8'));
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d;
    scanLog(d.toString('utf8'));
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within ${timeoutMs} ms: ${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const startedInMs = performance.now() - started;
  return {
    child,
    url,
    startedInMs,
    output: () => output,
    stop(signal = 'SIGTERM') {
      const stopping = performance.now();
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve({ code: child.exitCode, ms: 0 });
        child.once('exit', (code) => resolve({ code, ms: performance.now() - stopping }));
        child.kill(signal);
      });
    },
  };
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
