import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisServer } from '../../harness/index.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** What a fault case runs against: its own Redis, a webhook receiver and the stack. */
export interface FaultRig {
  readonly redis: RedisServer;
  readonly receiver: WebhookReceiver;
  readonly stack: FaultStack;
}

/**
 * Starts a private Redis (with `redis` options: persistence, arguments), a webhook receiver
 * (`receiver`: its delay) and the fault stack (`env`: more `SLAWATCH_*` for its processes) before the file's tests, and stops them after. Read the parts from the
 * returned object inside tests: they exist once `beforeAll` has run.
 */
export function useFaultStack(
  name: string,
  options: {
    redis?: Parameters<typeof startRedis>[0];
    receiver?: Parameters<typeof WebhookReceiver.start>[0];
    env?: Record<string, string>;
  } = {},
): FaultRig {
  let redis: RedisServer | undefined;
  let receiver: WebhookReceiver | undefined;
  let stack: FaultStack | undefined;
  beforeAll(async () => {
    redis = await startRedis(options.redis);
    receiver = await WebhookReceiver.start(options.receiver);
    stack = await startFaultStack(name, {
      redisUrl: redis.url,
      hookUrl: receiver.url,
      ...(options.env ? { env: options.env } : {}),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await redis?.stop();
  });
  const started = <T>(part: T | undefined, what: string): T => {
    if (part === undefined) throw new Error(`the fault stack's ${what} has not started`);
    return part;
  };
  return {
    get redis() {
      return started(redis, 'Redis');
    },
    get receiver() {
      return started(receiver, 'receiver');
    },
    get stack() {
      return started(stack, 'stack');
    },
  };
}
