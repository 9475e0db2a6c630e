import { afterAll, beforeAll, inject } from 'vitest';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { parsePolicyDocument } from '@slawatch/core';
import {
  createKeys,
  createStoreAdapters,
  DeltaSubscriber,
  ExporterLease,
  updateTickets,
  type Keys,
  type UpdateDeps,
} from '@slawatch/store';
import { deleteKeysByPrefix } from '@slawatch/test';
import {
  buildGateway,
  JobStore,
  TokenStore,
  type HistorySource,
  type EventSink,
  type GatewayDeps,
  type GatewayOptions,
} from '../src/index.js';

const POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 4h }
    warnAt: [0.5]
`;
const loaded = parsePolicyDocument(POLICIES);
if (!loaded.ok) throw new Error('test policies');
const { policySet, document } = loaded;
export const MINUTE = 60_000;
export const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
export const TOKENS = {
  admin: 'admin-secret',
  read: 'read-secret',
  emea: 'emea-secret',
  /** Only with a history (background jobs): an admin limited to emea, ... */
  emeaAdmin: 'emea-admin-secret',
  /** ... and a token of the `report` scope alone. */
  reporter: 'reporter-secret',
};

/** Request headers carrying `token` (none for null). */
export const as = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});

export const SIMULATE = {
  policies: { policies: [{ id: 'p', match: {}, targets: { firstResponse: '1h' } }] },
  events: [
    {
      specversion: '1.0',
      id: 'e1',
      source: 's',
      type: 'ticket.created',
      subject: 'S-1',
      time: '2026-11-23T09:00:00Z',
      data: { priority: 'low', channel: 'web' },
    },
  ],
  at: '2026-11-23T09:30:00Z',
};

export interface GatewayFixture {
  app: FastifyInstance;
  deps: GatewayDeps;
  readonly redis: Redis;
  readonly keys: Keys;
  /** What the tracker updates tickets with (`updateTickets`), over the same keys. */
  update: UpdateDeps;
  /** What the fake Kafka readiness check answers. */
  kafkaReady: boolean;
}

let n = 0;
/** A ticket.created of an urgent ticket (15-minute first response) as the tracker takes it. */
export const created = (subject: string, at: number, team: string) => ({
  event: {
    specversion: '1.0' as const,
    id: `gw-${++n}`,
    source: 'test',
    type: 'ticket.created' as const,
    subject,
    time: new Date(at).toISOString(),
    data: { priority: 'urgent' as const, channel: 'chat' as const, team },
  },
  time: at,
  seq: n,
});

/** A public agent reply to `subject` at `at`, as the tracker takes it. */
export const replied = (subject: string, at: number) => ({
  event: {
    specversion: '1.0' as const,
    id: `gw-${++n}`,
    source: 'test',
    type: 'ticket.commented' as const,
    subject,
    time: new Date(at).toISOString(),
    data: { author: 'agent' as const, public: true },
  },
  time: at,
  seq: n,
});

/**
 * A gateway over a private key prefix of the harness's Redis, built before the file's
 * tests and torn down after: EMEA-1 has breached its 15-minute first response, US-1 is
 * past half of it (at risk), and three tokens exist (admin, read, read limited to emea).
 * `more.events` gives the gateway an events topic, and with it `POST /api/v1/events`.
 */
export function useGateway(
  options: Omit<GatewayOptions, 'deps'> = {},
  more: {
    readonly events?: () => EventSink;
    /** Gives the gateway backtest jobs reading this history. */
    readonly history?: HistorySource;
  } = {},
): GatewayFixture {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `gw-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  // A week, like the default: the tests' breaches stay listed, whatever their time.
  const adapters = createStoreAdapters(redis, keys, policySet, { retentionMs: 7 * 86_400_000 });
  const fixture = { redis, keys, kafkaReady: true } as GatewayFixture;

  beforeAll(async () => {
    const { store, metrics, lists, deliveries } = adapters;
    fixture.update = { ...adapters, announce: () => Promise.resolve() };
    await updateTickets(
      fixture.update,
      new Map([
        ['EMEA-1', [created('EMEA-1', NOW - 20 * MINUTE, 'emea')]],
        ['US-1', [created('US-1', NOW - 10 * MINUTE, 'us')]],
      ]),
      NOW,
    );
    fixture.deps = {
      store,
      metrics,
      lists,
      deltas: new DeltaSubscriber(redis, keys),
      tokens: new TokenStore(redis, keys.tokens, [
        { name: 'operator', secret: TOKENS.admin, scopes: ['admin'] },
        { name: 'wallboard', secret: TOKENS.read, scopes: ['read'] },
        { name: 'emea lead', secret: TOKENS.emea, scopes: ['read'], teams: ['emea'] },
        ...(more.history
          ? [
              {
                name: 'emea admin',
                secret: TOKENS.emeaAdmin,
                scopes: ['admin' as const],
                teams: ['emea'],
              },
              { name: 'reporter', secret: TOKENS.reporter, scopes: ['report' as const] },
            ]
          : []),
      ]),
      policies: policySet,
      policyDocument: document,
      readiness: [
        { name: 'redis', check: async () => void (await redis.ping()) },
        {
          name: 'kafka',
          check: () =>
            fixture.kafkaReady ? Promise.resolve() : Promise.reject(new Error('no broker answers')),
        },
      ],
      exporterLease: new ExporterLease(redis, keys.exporterLease),
      deliveries,
      timers: adapters.timers,
      ...(more.events ? { events: more.events() } : {}),
      ...(more.history
        ? {
            jobs: {
              store: new JobStore(redis, (id) => keys.job(id)),
              history: more.history,
              topic: 'sla.events',
            },
          }
        : {}),
      now: () => NOW,
    };
    fixture.app = await buildGateway({ ...options, deps: fixture.deps });
  });

  afterAll(async () => {
    await fixture.app?.close();
    await fixture.deps?.events?.close();
    await adapters.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });
  return fixture;
}
