import { describe, expect, it } from 'vitest';
import { childEnv, run } from '../support/processes.ts';

describe('start-up with bad configuration', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://somewhere/fuju'],
    ['NODE_ENV', 'staging'],
    ['FUJU_RATE_LIMIT', '-5'],
  ])('%s=%s stops with one line naming it, exit 1, no stack trace', async (name, value) => {
    const result = await run(['--import', 'tsx', 'src/main.ts'], childEnv({ [name]: value }));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^fuju: configuration error: ${name} must be `));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
