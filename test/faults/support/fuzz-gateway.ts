import { Redis } from 'ioredis';
import { parsePolicyDocument } from '@slawatch/core';
import { buildGateway, TokenStore } from '@slawatch/gateway';
import {
  createKeys,
  createStoreAdapters,
  DeltaSubscriber,
  ExporterLease,
  updateTickets,
} from '@slawatch/store';
import { deleteKeysByPrefix } from '../../harness/index.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 4h }
    warnAt: [0.5]
  - id: office
    calendar: office
    targets: { firstResponse: 1h, resolution: 8h }
`;

/** The presented tokens the fuzzer tries on every route: none, unknown, and each scope. */
export const FUZZ_TOKENS = {
  none: null,
  bad: 'not-a-token-at-all',
  read: 'fuzz-read-secret-0123456789',
  team: 'fuzz-emea-secret-0123456789',
  admin: 'fuzz-admin-secret-0123456789',
} as const;

export interface FuzzGateway {
  readonly app: Awaited<ReturnType<typeof buildGateway>>;
  close(): Promise<void>;
}

/**
 * The gateway as `run gateway` builds it, over a private key prefix of a real Redis, with
 * a few tickets (one breached, one at risk, one in business time) and tokens of every kind.
 * The rate limit is out of the way: a 429 would hide what the route itself answers.
 */
export async function startFuzzGateway(redisUrl: string): Promise<FuzzGateway> {
  const loaded = parsePolicyDocument(POLICIES);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { policySet, document } = loaded;
  const redis = new Redis(redisUrl);
  const prefix = `fuzz-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  const adapters = createStoreAdapters(redis, keys, policySet, { retentionMs: 7 * 86_400_000 });
  const { store, metrics, lists, deliveries } = adapters;
  const now = Date.now();
  const created = (subject: string, minutesAgo: number, priority: string, team: string) => ({
    event: {
      specversion: '1.0' as const,
      id: `fuzz-${subject}`,
      source: 'fuzz',
      type: 'ticket.created' as const,
      subject,
      time: new Date(now - minutesAgo * 60_000).toISOString(),
      data: { priority, channel: 'chat', team },
    },
    time: now - minutesAgo * 60_000,
    seq: 0,
  });
  await updateTickets(
    { ...adapters, announce: () => Promise.resolve() },
    new Map(
      [
        created('EMEA-1', 20, 'urgent', 'emea'),
        created('US-1', 10, 'urgent', 'us'),
        created('OFFICE-1', 30, 'normal', 'emea'),
      ].map((e) => [e.event.subject, [e] as never]),
    ),
    now,
  );
  const deltas = new DeltaSubscriber(redis, keys);
  const app = await buildGateway({
    rateLimitPerMinute: 1_000_000,
    deps: {
      store,
      metrics,
      lists,
      deltas,
      tokens: new TokenStore(redis, keys.tokens, [
        { name: 'operator', secret: FUZZ_TOKENS.admin, scopes: ['admin'] },
        { name: 'wallboard', secret: FUZZ_TOKENS.read, scopes: ['read'] },
        { name: 'emea lead', secret: FUZZ_TOKENS.team, scopes: ['read'], teams: ['emea'] },
      ]),
      policies: policySet,
      policyDocument: document,
      readiness: [{ name: 'redis', check: async () => void (await redis.ping()) }],
      exporterLease: new ExporterLease(redis, keys.exporterLease),
      deliveries,
      now: () => Date.now(),
    },
  });
  return {
    app,
    async close() {
      await app.close();
      await adapters.close();
      await deleteKeysByPrefix(redis, prefix);
      await deleteKeysByPrefix(redis, `{${prefix}:`);
      await redis.quit();
    },
  };
}
