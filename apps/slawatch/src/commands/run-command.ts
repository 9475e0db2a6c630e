import { Argument, type Command } from 'commander';
import { loadServiceConfig } from '@slawatch/config';
import { CliError } from '../cli-error.js';
import { SERVICES, startServices, type ServiceName } from '../runtime/start-services.js';

/** How long a process that gives up waits for its services to stop before it exits. */
const FATAL_STOP_MS = 10_000;

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
      let running: Awaited<ReturnType<typeof startServices>> | undefined;
      // A service that gave up: stop what can be stopped (briefly), then exit 1 so that the
      // supervisor (Kubernetes, systemd, compose) starts a fresh process.
      const onFatal = (error: Error) => {
        process.stderr.write(`slawatch: ${error.message}; exiting\n`);
        const exit = () => process.exit(1);
        setTimeout(exit, FATAL_STOP_MS);
        void (running?.stop() ?? Promise.resolve()).then(exit, exit);
      };
      try {
        running = await startServices(service === 'all' ? SERVICES : [service], loaded.config, {
          onFatal,
        });
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
