/**
 * SECURITY.md 19 and 22, checked over the whole test run: every response a
 * test app sends and every log line it writes is scanned for a full resident
 * ID number or mobile number. Responses that show personal data in full on
 * purpose — a reveal with a stated reason, a resident's own data — are the
 * only ones allowed to hold one (the authorisation matrix checks who gets
 * them). The counts go to a file per worker; the global teardown adds them up,
 * prints them and fails the run on any hit.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { repoRoot } from './templates.ts';

export const scanDir = `${repoRoot}.cache/test/scan`;

/** 18-character resident ID (17 digits + digit or X) and an 11-digit mainland mobile number. */
// Digits after a decimal point are a fraction (a response time of 0.0612…), never an ID or a phone.
const residentIdPattern = /(?<![\dA-Za-z])(?<!\d\.)\d{17}[\dXx](?![\dA-Za-z])/g;
const phonePattern = /(?<![\dA-Za-z])(?<!\d\.)1[3-9]\d{9}(?![\dA-Za-z])/g;

/** Routes whose purpose is to show personal data in full to someone with the right to it. */
const fullDataRoutes = new Set([
  'POST /staff/residents/:id/reveal',
  'POST /account/reveal',
  'POST /people/:id/reveal',
  'POST /my/record/reveal',
  'POST /account/export',
  'POST /account/export.json',
]);

const counts = { responses: 0, logLines: 0, hits: [] as string[] };
/** Called after each test file (test/support/scanSetup.ts): writes this file's counts and starts again. */
export function flushScan(): void {
  if (counts.responses === 0 && counts.logLines === 0) return;
  mkdirSync(scanDir, { recursive: true });
  appendFileSync(`${scanDir}/${process.pid}.ndjson`, `${JSON.stringify(counts)}\n`);
  counts.responses = 0;
  counts.logLines = 0;
  counts.hits = [];
}

function findings(text: string): string[] {
  return [...text.matchAll(residentIdPattern), ...text.matchAll(phonePattern)].map((m) => m[0]);
}

/** Blanks the middle of a found number, so the report itself holds no full number. */
const hide = (value: string) => `${value.slice(0, 3)}…${value.slice(-2)}`;

export function scanResponse(method: string, route: string, url: string, body: string): void {
  counts.responses++;
  if (fullDataRoutes.has(`${method} ${route}`)) return;
  for (const found of findings(body))
    counts.hits.push(`response ${method} ${url.split('?')[0]}: ${hide(found)}`);
}

export function scanLog(text: string): void {
  for (const line of text.split('\n')) {
    if (line === '') continue;
    counts.logLines++;
    for (const found of findings(line)) counts.hits.push(`log line: ${hide(found)}`);
  }
}

export function resetScan(): void {
  rmSync(scanDir, { recursive: true, force: true });
}

/** Adds up every worker's counts; throws when anything was found. */
export function reportScan(): string {
  let responses = 0;
  let logLines = 0;
  const hits: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(scanDir);
  } catch {
    files = [];
  }
  for (const file of files) {
    for (const line of readFileSync(`${scanDir}/${file}`, 'utf8').split('\n')) {
      if (line === '') continue;
      const worker = JSON.parse(line) as typeof counts;
      responses += worker.responses;
      logLines += worker.logLines;
      hits.push(...worker.hits);
    }
  }
  const summary = `personal-data scan: ${responses} responses and ${logLines} log lines scanned, ${hits.length} unmasked ID or phone numbers`;
  if (hits.length > 0) throw new Error(`${summary}:\n${hits.slice(0, 20).join('\n')}`);
  return summary;
}
