import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from '@slawatch/traffic';
import { CliError } from '../cli-error.js';
import type { TrafficSink } from './traffic-sink.js';

/** How long one batch may keep being refused for a passing reason before the run fails. */
const GIVE_UP_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface Answer {
  readonly rejected?: readonly {
    readonly problems: readonly { path: string; message: string }[];
  }[];
  readonly problems?: readonly { path: string; message: string }[];
  readonly error?: string;
}

/**
 * The gateway's `POST /api/v1/events` as a sink: a batch per request, sent again after
 * `Retry-After` while the gateway or Kafka is briefly unavailable (a repeat changes
 * nothing), a run-ending error for a refused token. Refused events are reported, not
 * fatal: the run goes on with the next batch.
 */
export function httpTrafficSink(
  base: string,
  token: string,
  log: (line: string) => void,
): TrafficSink {
  const url = new URL('/api/v1/events', base).toString();
  async function post(deliveries: readonly Delivery[]): Promise<void> {
    const body = JSON.stringify(deliveries.map((d) => d.event));
    const until = Date.now() + GIVE_UP_MS;
    for (;;) {
      let status: number;
      let retryAfter: string | null = null;
      let answer: Answer = {};
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/cloudevents-batch+json',
          },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        answer = (await res.json().catch(() => ({}))) as Answer;
      } catch (error) {
        status = 0;
        answer = { error: (error as Error).message };
      }
      if (status === 200) return;
      if (status === 207 || status === 400) {
        const problems = answer.rejected?.flatMap((r) => r.problems) ?? answer.problems ?? [];
        const first = problems[0];
        log(
          `the gateway refused ${problems.length} problem(s) in a batch of ${deliveries.length}` +
            (first ? `, first ${first.path}: ${first.message}` : ''),
        );
        return;
      }
      if (status === 401 || status === 403)
        throw new CliError(`the gateway refused the token (${status}): ${answer.error ?? ''}`, 1);
      const passing = status === 0 || status === 429 || status === 503;
      if (!passing || Date.now() >= until)
        throw new CliError(
          `the gateway at ${base} did not take a batch (${status || 'no answer'}): ${answer.error ?? ''}`,
          1,
        );
      const waitS = Math.min(30, Math.max(1, Number(retryAfter) || 1));
      log(`the gateway answered ${status || 'nothing'}: sending again in ${waitS} s`);
      await sleep(waitS * 1000);
    }
  }
  return {
    description: `the gateway's ${url}`,
    gone: false,
    write: post,
    close: () => Promise.resolve(),
  };
}
