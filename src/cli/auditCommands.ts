import type { Config } from '../config.ts';
import { auditHead, checkAuditAnchor, verifyAuditChain } from '../platform/audit/index.ts';
import { openCommandDatabase } from '../platform/db/index.ts';
import type { Command } from './commands.ts';
import { UsageError } from './commands.ts';

const usage = 'usage: fuju audit verify [--anchor <seq> <hash>] | fuju audit export-head';

/** Long trails take a while: a line on stderr every this many rows shows the check is moving. */
const progressEvery = 10_000;

const hashPattern = /^[0-9a-fA-F]{64}$/;

function anchorOf(args: readonly string[]): { seq: number; hash: string } | undefined {
  if (args.length === 0) return undefined;
  const [flag, seqText = '', hash = ''] = args;
  const seq = Number(seqText);
  if (flag !== '--anchor' || args.length !== 3 || !/^[1-9]\d*$/.test(seqText) || !Number.isSafeInteger(seq)) {
    throw new UsageError(usage);
  }
  if (!hashPattern.test(hash)) throw new UsageError('the anchor hash is 64 hexadecimal characters');
  return { seq, hash };
}

async function verify(args: readonly string[], config: Config, print: (line: string) => void): Promise<void> {
  const anchor = anchorOf(args);
  const database = await openCommandDatabase(config);
  try {
    let reported = 0;
    const report = await verifyAuditChain(database.db, (checked) => {
      if (checked - reported >= progressEvery) {
        reported = checked - (checked % progressEvery);
        process.stderr.write(`fuju audit: ${checked} rows checked\n`);
      }
    });
    // An Error, not a UsageError: the CLI prints it in one line and exits 1, naming the row.
    if (!report.ok) throw new Error(`audit trail broken at row ${report.firstBadSeq}: ${report.reason}`);
    if (anchor) {
      const anchored = await checkAuditAnchor(database.db, anchor);
      if (!anchored.ok) throw new Error(`audit trail broken at row ${anchor.seq}: ${anchored.reason}`);
    }
    const head = report.head ? `head ${report.head.seq} ${report.head.hash}` : 'no head (empty)';
    print(
      `audit trail intact: ${report.rows} rows, ${head}${anchor ? `; contains the exported head ${anchor.seq}` : ''}`,
    );
  } finally {
    await database.close();
  }
}

async function exportHead(args: readonly string[], config: Config, print: (line: string) => void) {
  if (args.length > 0) throw new UsageError(usage);
  const database = await openCommandDatabase(config);
  try {
    const head = await auditHead(database.db);
    print(head ? `${head.seq} ${head.hash} ${head.occurredAt.toISOString()}` : 'audit trail is empty');
  } finally {
    await database.close();
  }
}

export const auditCommands: Command[] = [
  {
    name: 'audit',
    summary: "verify | export-head — check the audit trail's hash chain, or print its head for safe keeping",
    async run(args, config, print) {
      const [subcommand, ...rest] = args;
      if (subcommand === 'verify') return verify(rest, config, print);
      if (subcommand === 'export-head') return exportHead(rest, config, print);
      throw new UsageError(usage);
    },
  },
];
