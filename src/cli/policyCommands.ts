import { beijingDay, concludeEndedNotices } from '../modules/policyCatalogs/index.ts';
import { migrate, openCommandDatabase } from '../platform/db/index.ts';
import type { Command } from './commands.ts';
import { UsageError } from './commands.ts';

/**
 * `fuju admissions conclude`: ends every public notice whose last day has
 * passed, as a running app does each hour (for a deployment whose app
 * processes restart often, or a scheduler that wants it at a set time).
 */
const concludeCommand: Command = {
  name: 'admissions',
  summary: 'admissions conclude — end the public notices whose period is over (admit, or wait for rulings)',
  async run(args, config, print) {
    if (args.length !== 1 || args[0] !== 'conclude') throw new UsageError('usage: fuju admissions conclude');
    const database = await openCommandDatabase(config);
    try {
      await migrate(database.db);
      const counts = await concludeEndedNotices(database.db, beijingDay(new Date()));
      const figures = Object.entries(counts).map(([outcome, n]) => `${outcome}=${n}`);
      print(
        `notices concluded: ${figures.length === 0 ? 'none due' : figures.join(' ')} (via ${database.via})`,
      );
    } finally {
      await database.close();
    }
  },
};

export const policyCommands: readonly Command[] = [concludeCommand];
