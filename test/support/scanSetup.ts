import { afterAll } from 'vitest';
import { flushScan } from './scan.ts';

// Each test file's responses and log lines are counted, then written for the run's global report.
afterAll(() => {
  flushScan();
});
