import { Worker } from 'node:worker_threads';

export interface AlertsReaderInput {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
}

/** One `sla.breached` as the reader got it: its deadline (`time`) and arrival, epoch ms. */
export interface ReceivedBreach {
  readonly ticketId: string;
  readonly deadline: number;
  readonly receivedAt: number;
}

export type ReaderMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'breaches'; readonly breaches: readonly ReceivedBreach[] }
  | { readonly type: 'stopped' };

export interface AlertsReader {
  /** First arrival of each ticket's breach (redeliveries are ignored). */
  readonly breaches: Map<string, ReceivedBreach>;
  stop(): Promise<void>;
}

/**
 * Starts a consumer of the alerts topic on a worker thread (alerts-reader-worker.ts) and
 * resolves once it has joined its group, so no alert can arrive before it listens.
 */
export async function startAlertsReader(input: AlertsReaderInput): Promise<AlertsReader> {
  const worker = new Worker(new URL('./alerts-reader-worker.js', import.meta.url), {
    workerData: input,
  });
  const breaches = new Map<string, ReceivedBreach>();
  let stopped: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the alerts reader exited (${code})`)));
    worker.on('message', (message: ReaderMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'stopped') stopped();
      else
        for (const b of message.breaches)
          if (!breaches.has(b.ticketId)) breaches.set(b.ticketId, b);
    });
  });
  return {
    breaches,
    async stop() {
      const done = new Promise<void>((resolve) => (stopped = resolve));
      worker.postMessage('stop');
      await Promise.race([done, exited]);
      await worker.terminate();
    },
  };
}
