import { Argument, type Command } from 'commander';
import { loadServiceConfig } from '@slawatch/config';
import { CliError } from '../cli-error.js';
import { SERVICES, startServices, type ServiceName } from '../runtime/start-services.js';

/** `slawatch run <service>`: a long-running service, configured from the environment. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a slawatch service (configured by SLAWATCH_* environment variables)')
    .addArgument(new Argument('<service>', 'which service').choices([...SERVICES, 'all']))
    .addHelpText(
      'after',
      '\nSIGTERM or SIGINT stops gracefully: the batch in hand is finished and committed.',
    )
    .action(async (service: ServiceName | 'all') => {
      const loaded = loadServiceConfig(process.env);
      if (!loaded.ok) throw new CliError(loaded.message);
      let running;
      try {
        running = await startServices(service === 'all' ? SERVICES : [service], loaded.config);
      } catch (error) {
        throw new CliError(`cannot start: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            process.stderr.write(`slawatch: ${signal} again, exiting now\n`);
            process.exit(130);
          }
          stopping = true;
          running.stop().then(resolve, (error: unknown) => {
            process.stderr.write(`slawatch: error while stopping: ${String(error)}\n`);
            resolve();
          });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
