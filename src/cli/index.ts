import { ConfigError, loadConfig } from '../config.ts';
import { commands, usage } from './commands.ts';

const helpWords = new Set(['help', '--help', '-h']);

/** The `fuju` command. Every failure is one line on stderr and a non-zero exit. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  if (helpWords.has(name)) {
    process.stdout.write(usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`fuju: unknown command "${name}"; \`fuju help\` lists the commands\n`);
    return 2;
  }
  try {
    const config = loadConfig();
    await command.run(args, config, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (error) {
    const message =
      error instanceof ConfigError
        ? `configuration error: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`fuju ${name}: ${message}\n`);
    return 1;
  }
}
