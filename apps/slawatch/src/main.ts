import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerBacktest } from './commands/backtest-command.js';
import { registerImport } from './commands/import-command.js';
import { registerRebuild } from './commands/rebuild-command.js';
import { registerReport } from './commands/report-command.js';
import { registerRun } from './commands/run-command.js';
import { registerSimulate } from './commands/simulate-command.js';
import { registerSimulateTraffic } from './commands/simulate-traffic-command.js';
import { version } from './version.js';

/** Builds the `slawatch` program; each capability registers its subcommand here. */
export function buildProgram(): Command {
  const program = new Command('slawatch')
    .description('Real-time SLA monitor for customer-support teams')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run "slawatch --help" for usage)')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerSimulate(program);
  registerSimulateTraffic(program);
  registerRun(program);
  registerRebuild(program);
  registerBacktest(program);
  registerReport(program);
  registerImport(program);
  return program;
}

/**
 * Runs the CLI with `argv` (without node and the script) and resolves to the exit code:
 * 0 on success, 2 on a usage error or bad input, 1 on an unexpected failure.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are how commander says it printed them.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`slawatch: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `slawatch: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
    );
    return 1;
  }
}
