import { Redis, type RedisOptions } from 'ioredis';
import { inject, type TestContext } from 'vitest';
import { deleteKeysByPrefix } from './delete-keys-by-prefix.js';
import type {} from './provided-context.js';
import { uniquePrefix } from './unique-names.js';

/** An ioredis client confined to its own key prefix, and the cleanup that undoes it. */
export interface IsolatedRedis {
  /** Client with `keyPrefix` set: every key it touches starts with `prefix`. */
  readonly client: Redis;
  readonly prefix: string;
  /** Removes every key under the prefix, then closes the client. */
  cleanup(): Promise<void>;
}

/**
 * Creates a client on `url` whose keys all live under a fresh unique prefix. Use it in
 * `beforeAll`/`afterAll`; inside a single test prefer {@link redisFor}.
 */
export function isolatedRedis(
  url: string,
  name: string,
  options: RedisOptions = {},
): IsolatedRedis {
  const prefix = uniquePrefix(name);
  const client = new Redis(url, { ...options, keyPrefix: prefix });
  return {
    client,
    prefix,
    async cleanup() {
      const raw = client.duplicate({ keyPrefix: '' });
      try {
        await deleteKeysByPrefix(raw, prefix);
      } finally {
        raw.disconnect();
        await client.quit().catch(() => client.disconnect());
      }
    },
  };
}

/**
 * A prefixed client for the current test, cleaned up when the test finishes (pass or fail):
 * `test('...', async (ctx) => { const redis = redisFor(ctx); ... })`.
 *
 * @param url defaults to the run's shared Redis from global-setup
 */
export function redisFor(
  context: Pick<TestContext, 'task' | 'onTestFinished'>,
  url: string = inject('redisUrl'),
): Redis {
  const isolated = isolatedRedis(url, context.task.name);
  context.onTestFinished(() => isolated.cleanup());
  return isolated.client;
}
