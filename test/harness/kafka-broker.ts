import { findBinary } from './find-binary.js';
import { LogTail } from './log-tail.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';

/** Options for {@link startKafka}. */
export interface KafkaBrokerOptions {
  /** How many brokers the mock cluster has (default 1). */
  brokers?: 1 | 3;
  /** Environment for the PATH lookup and the child (tests pass an empty PATH). */
  env?: NodeJS.ProcessEnv;
  /** Program to run instead of `kcat` from PATH. */
  binary?: string;
  /** How long to wait for the bootstrap address in the log (default 10 s). */
  startTimeoutMs?: number;
}

/** A running Kafka-protocol mock cluster owned by this process. */
export interface KafkaBroker {
  /** Bootstrap addresses, one per broker, e.g. `['127.0.0.1:43747']`. */
  readonly brokers: string[];
  readonly pid: number;
  /** Stops it; resolves once the process is gone. All its data goes with it. */
  stop(): Promise<void>;
}

const bootstrapPattern = /bootstrap\.servers=([0-9A-Za-z.:,[\]-]+)/;

/**
 * Starts librdkafka's mock cluster (bundled with Debian's `kcat`): a real Kafka-protocol
 * broker on loopback TCP, in memory. kcat runs as a producer reading stdin, so stdin is a
 * pipe we keep open for its whole life; the bootstrap address is read from its debug log.
 *
 * @throws MissingBinaryError if `kcat` is not installed
 */
export async function startKafka(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const { brokers = 1, env = process.env, startTimeoutMs = 10_000 } = options;
  const binary = findBinary(options.binary ?? 'kcat', ['kcat'], env);
  const args = [
    '-b',
    'ignored:1',
    '-P',
    '-t',
    '_',
    '-X',
    `test.mock.num.brokers=${brokers}`,
    '-d',
    'mock',
  ];
  const child = spawnOwned(binary, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
  // Writing or closing stdin after kcat died raises EPIPE on the stream; that is expected
  // when it crashed, and must not crash the test process.
  child.stdin?.on('error', () => undefined);
  // The mock logs every request it serves. Keep draining forever, so the pipe never fills
  // and blocks the broker, but keep only the tail for error messages.
  const log = new LogTail();

  const stop = async (): Promise<void> => {
    // kcat ignores SIGTERM while blocked reading stdin; EOF on stdin is its clean exit.
    child.stdin?.end();
    await stopProcess(child, { graceMs: 2_000 });
  };

  try {
    const addresses = await new Promise<string[]>((resolve, reject) => {
      const fail = (reason: string): void => {
        clearTimeout(timer);
        reject(new Error(`${reason}\nlast kcat output:\n${log.toString()}`));
      };
      const timer = setTimeout(
        () => fail(`kcat mock cluster printed no bootstrap.servers within ${startTimeoutMs} ms`),
        startTimeoutMs,
      );
      let found = false;
      child.stderr?.on('data', (chunk: Buffer) => {
        const lines = log.push(chunk);
        // Once up, only the tail is kept: no pattern matching on the hot logging path.
        if (found) return;
        for (const line of lines) {
          const match = bootstrapPattern.exec(line);
          if (match?.[1] !== undefined) {
            found = true;
            clearTimeout(timer);
            resolve(match[1].split(','));
            return;
          }
        }
      });
      child.once('error', (error) => fail(`could not run ${binary}: ${error.message}`));
      child.once('exit', (code, signal) =>
        fail(`kcat exited (${code ?? signal}) before its mock cluster was up`),
      );
    });
    return { brokers: addresses, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
