import { z } from 'zod';
import { describeProblem, parseDuration, type ValidationProblem } from '@slawatch/core';

/** A comma-separated list of `host:port`; `required`: at least one. */
const hostPortList = (required: boolean) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((b) => b.trim())
        .filter((b) => b !== ''),
    )
    .check((ctx) => {
      if (required && ctx.value.length === 0)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: 'must list at least one host:port',
        });
      for (const node of ctx.value) {
        const port = Number(/^[^\s:]+:(\d{1,5})$/.exec(node)?.[1] ?? 0);
        if (port < 1 || port > 65_535)
          ctx.issues.push({ code: 'custom', input: node, message: `"${node}" is not host:port` });
      }
    });
const brokerList = hostPortList(true);

const duration = z.string().transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.ms;
  ctx.issues.push({ code: 'custom', input: text, message: parsed.message });
  return z.NEVER;
});

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .check((ctx) => {
      if (ctx.value < min || ctx.value > max)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `must be from ${min} to ${max}`,
        });
    });

const topic = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name (letters, digits, ".", "_", "-")');

/** A secret token: empty for none; never echoed in an error message. */
const secret = z
  .string()
  .refine((s) => s === '' || s.length >= 16, 'must be at least 16 characters (or unset)');

/** Tokens given in configuration: a JSON array of {name, token, scopes, teams?}. */
const tokenList = z
  .string()
  .transform((text, ctx) => {
    if (text.trim() === '') return [];
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.issues.push({ code: 'custom', input: '(hidden)', message: 'must be a JSON array' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.strictObject({
        name: z.string().min(1),
        token: z.string().min(16, 'a token must be at least 16 characters'),
        scopes: z.array(z.enum(['read', 'ingest', 'report', 'admin'])).min(1),
        teams: z.array(z.string().min(1)).min(1).optional(),
      }),
    ),
  );

const originList = z.string().transform((text) =>
  text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== ''),
);

/**
 * Every environment variable the services read, with its default. docs/configuration.md's
 * table is written from this list; a test keeps the two in step.
 */
export const ENV = {
  SLAWATCH_KAFKA_BROKERS: {
    schema: brokerList,
    default: undefined,
    doc: 'Kafka bootstrap brokers, comma-separated host:port (required)',
  },
  SLAWATCH_REDIS_URL: {
    schema: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
    default: 'redis://127.0.0.1:6379',
    doc: 'Redis URL',
  },
  SLAWATCH_REDIS_CLUSTER: {
    schema: hostPortList(false),
    default: '',
    doc: 'seed nodes of a Redis Cluster, comma-separated host:port; when set, every Redis client is a cluster client and `SLAWATCH_REDIS_URL` is not used (docs/scaling.md)',
  },
  SLAWATCH_REDIS_CLUSTER_PASSWORD: {
    schema: z.string(),
    default: '',
    doc: "the cluster's password (`AUTH`), if it has one; never logged",
  },
  SLAWATCH_REDIS_CLUSTER_TLS: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'false',
    doc: "connect to the cluster's nodes over TLS",
  },
  SLAWATCH_REDIS_MIN_REPLICAS: {
    schema: int(0, 5),
    default: '0',
    doc: "replicas of each Redis master that must hold a batch's writes before its Kafka offsets are committed (`WAIT`); with 1, a failover loses no committed batch (docs/scaling.md)",
  },
  SLAWATCH_REDIS_REPLICA_TIMEOUT: {
    schema: int(10, 60_000),
    default: '1000',
    doc: 'ms to wait for those replicas; past it the batch fails and is retried',
  },
  SLAWATCH_METRIC_LANES: {
    schema: z
      .string()
      .regex(/^(auto|\d+)$/, 'must be `auto` or a whole number')
      .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)))
      .check((ctx) => {
        if (ctx.value !== 'auto' && (ctx.value < 1 || ctx.value > 1024))
          ctx.issues.push({ code: 'custom', input: ctx.value, message: 'must be from 1 to 1024' });
      }),
    default: 'auto',
    doc: 'metric lanes, the slots the rolling metrics are spread over; `auto`: 1 on one Redis, one per master on a cluster, counted by the first process and recorded in Redis for the others; another count than the recorded one refuses the start (docs/scaling.md)',
  },
  SLAWATCH_POLICIES: {
    schema: z.string().min(1),
    default: undefined,
    doc: 'path of the policy document, YAML or JSON (required)',
  },
  SLAWATCH_TOPIC: { schema: topic, default: 'tickets.events', doc: 'topic of ticket events' },
  SLAWATCH_DLQ_TOPIC: {
    schema: topic,
    default: 'tickets.events.dlq',
    doc: 'dead-letter topic for invalid events',
  },
  SLAWATCH_ALERTS_TOPIC: {
    schema: topic,
    default: 'sla.alerts',
    doc: 'topic of alert transitions (CloudEvents)',
  },
  SLAWATCH_GROUP_ID: {
    schema: z.string().min(1),
    default: 'slawatch-tracker',
    doc: 'Kafka consumer group of the trackers',
  },
  SLAWATCH_KEY_PREFIX: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1-32 letters, digits, "_", "." or "-"'),
    default: 'slw',
    doc: 'prefix of every Redis key and of the BullMQ queues',
  },
  SLAWATCH_RETENTION: {
    schema: duration,
    default: '168h',
    doc: 'how long closed and deleted tickets stay in Redis',
  },
  SLAWATCH_MAX_EVENT_BYTES: {
    schema: int(256, 10_485_760),
    default: '65536',
    doc: 'larger messages go to the dead-letter topic',
  },
  SLAWATCH_MAX_EVENT_FUTURE: {
    schema: int(0, 3_155_760_000_000),
    default: '86400000',
    doc: "ms an event's time may lie ahead of the tracker's clock; later ones go to the dead-letter topic (`0`: no check)",
  },
  SLAWATCH_DELIVERY_ATTEMPTS: {
    schema: int(1, 1_000),
    default: '15',
    doc: 'attempts at delivering one notification (the first included) before it is given up on (dead)',
  },
  SLAWATCH_DELIVERY_MAX_DELAY: {
    schema: int(1_000, 86_400_000),
    default: '300000',
    doc: 'longest wait in ms between two delivery attempts (they start 1 s apart and double): how soon a receiver that is back gets what it missed',
  },
  SLAWATCH_KAFKA_SESSION_TIMEOUT: {
    schema: int(6_000, 300_000),
    default: '30000',
    doc: 'ms without heartbeats before a tracker is dropped from its group',
  },
  SLAWATCH_KAFKA_FETCH_BYTES: {
    schema: int(65_536, 67_108_864),
    default: '2097152',
    doc: 'most bytes of events a tracker fetches from one partition at a time: a tracker catching up folds a whole fetch as one batch, and larger batches are folded faster (bench:pipeline); the memory a batch takes grows with it',
  },
  SLAWATCH_TRACKER_STALL_TIMEOUT: {
    schema: int(5_000, 3_600_000),
    default: '60000',
    doc: 'ms without progress (a committed batch, or a fetch finding nothing to do) before a tracker replaces its Kafka consumer',
  },
  SLAWATCH_RESTART_ATTEMPTS: {
    schema: int(1, 1_000),
    default: '8',
    doc: 'replacements in a row of a failed Kafka consumer or BullMQ worker before the process exits non-zero',
  },
  SLAWATCH_ALERTER_BATCH: {
    schema: int(1, 10_000),
    default: '500',
    doc: 'most due timers one alerter checks in one round',
  },
  SLAWATCH_ALERTER_DELIVERS: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'true',
    doc: "`false`: `run alerter` leaves the receivers' notifications to `slawatch run notifier` processes (a core of their own for bursts of breaches)",
  },
  SLAWATCH_HTTP_HOST: {
    schema: z.string().min(1),
    default: '0.0.0.0',
    doc: 'address the gateway and the ops endpoint listen on',
  },
  SLAWATCH_HTTP_PORT: {
    schema: int(0, 65_535),
    default: '8080',
    doc: 'port the gateway listens on',
  },
  SLAWATCH_OPS_PORT: {
    schema: int(0, 65_535),
    default: '9464',
    doc: 'port of /healthz, /readyz and /metrics of a process without the gateway (`run tracker`, `run alerter`); `0`: none',
  },
  SLAWATCH_ADMIN_TOKEN: {
    schema: secret,
    default: '',
    doc: 'a first admin token for the operator (16+ characters)',
  },
  SLAWATCH_TOKENS: {
    schema: tokenList,
    default: '',
    doc: 'more tokens, JSON: `[{"name","token","scopes":["read"],"teams":["emea"]}]`; scopes `read`, `ingest`, `report`, `admin`',
  },
  SLAWATCH_CORS_ORIGINS: {
    schema: originList,
    default: '',
    doc: 'browser origins allowed to call the API, comma-separated',
  },
  SLAWATCH_PUBLIC_URL: {
    schema: z
      .string()
      .regex(/^(|https?:\/\/[^\s?#]+)$/, 'must be an http(s) URL without a query or fragment')
      .transform((v) => (v === '' ? null : v.replace(/\/+$/, ''))),
    default: '',
    doc: "the address people open the wallboard at (e.g. `https://slawatch.example.com`); scheduled digests link their period's report there, and say how to get a link without it",
  },
  SLAWATCH_RATE_LIMIT: {
    schema: int(1, 1_000_000),
    default: '1200',
    doc: 'API requests per minute per client address',
  },
  SLAWATCH_LIVE_CONNECTIONS_PER_TOKEN: {
    schema: int(1, 1_000_000),
    default: '100',
    doc: 'live stream: most websockets of one token to one gateway; more are closed at once (4030)',
  },
  SLAWATCH_LIVE_VIEWS_PER_TOKEN: {
    schema: int(1, 1_000_000),
    default: '200',
    doc: "live stream: most distinct views one token's websockets hold on one gateway; more subscriptions are refused with an error",
  },
  SLAWATCH_LIVE_MESSAGES_PER_SECOND: {
    schema: int(1, 100_000),
    default: '10',
    doc: 'live stream: messages a websocket client may send per second; more are refused with an error',
  },
  SLAWATCH_LIVE_MESSAGE_BURST: {
    schema: int(1, 1_000_000),
    default: '40',
    doc: 'live stream: messages a client may send at once; one refused more than this many times without a pause is closed (4029)',
  },
  SLAWATCH_LIVE_READS_IN_FLIGHT: {
    schema: int(1, 10_000),
    default: '8',
    doc: "live stream: most view reads running at once in one gateway; the others wait, and a replaced view's waiting read is dropped",
  },
  SLAWATCH_LIVE_READS_PER_CLIENT: {
    schema: int(1, 10_000),
    default: '2',
    doc: "live stream: of those, most started for one client's new subscriptions",
  },
  SLAWATCH_LIST_SCAN_LIMIT: {
    schema: int(1_000, 10_000_000),
    default: '5000',
    doc: 'most at-risk or breach list entries one filtered read examines (team-limited tokens, filters)',
  },
  SLAWATCH_SIMULATE_MAX_BYTES: {
    schema: int(1_024, 268_435_456),
    default: '8388608',
    doc: 'largest `POST /api/v1/simulate` body in bytes; larger ones are refused (413)',
  },
  SLAWATCH_SIMULATE_MAX_EVENTS: {
    schema: int(1, 10_000_000),
    default: '100000',
    doc: 'most events in one `POST /api/v1/simulate` (400 past it)',
  },
  SLAWATCH_SIMULATE_MAX_TICKETS: {
    schema: int(1, 10_000_000),
    default: '20000',
    doc: 'most tickets one `POST /api/v1/simulate` may name (422 past it)',
  },
  SLAWATCH_SIMULATE_TIMEOUT: {
    schema: int(100, 600_000),
    default: '10000',
    doc: 'ms of work one `POST /api/v1/simulate` may take before it is refused (422); it runs in 20 ms slices, so the gateway keeps answering meanwhile',
  },
  SLAWATCH_SIMULATE_CONCURRENCY: {
    schema: int(1, 1_000),
    default: '2',
    doc: 'most `POST /api/v1/simulate` running at once in one gateway; more are refused (429)',
  },
  SLAWATCH_JOB_MAX_EVENTS: {
    schema: int(1, 100_000_000),
    default: '2000000',
    doc: 'most events one background job of the gateway (a backtest, a report) holds in memory (about 300 bytes each); a longer history fails the job',
  },
  SLAWATCH_JOB_TIMEOUT: {
    schema: int(1_000, 86_400_000),
    default: '1800000',
    doc: 'ms one background job (a backtest, a report) may take, reading the topic included, before it fails',
  },
  SLAWATCH_JOB_CONCURRENCY: {
    schema: int(1, 100),
    default: '1',
    doc: 'most background jobs (backtests and reports together) running at once in one gateway; more are refused (429)',
  },
  SLAWATCH_INGEST_MAX_BYTES: {
    schema: int(1_024, 268_435_456),
    default: '1048576',
    doc: 'largest `POST /api/v1/events` body in bytes; larger ones are refused (413)',
  },
  SLAWATCH_INGEST_MAX_EVENTS: {
    schema: int(1, 100_000),
    default: '1000',
    doc: 'most events in one `POST /api/v1/events`; more are refused (413)',
  },
  SLAWATCH_INGEST_TIMEOUT: {
    schema: int(100, 600_000),
    default: '10000',
    doc: 'ms a `POST /api/v1/events` waits for Kafka to acknowledge its events before answering 503',
  },
  SLAWATCH_INGEST_CONCURRENCY: {
    schema: int(1, 10_000),
    default: '64',
    doc: 'most `POST /api/v1/events` waiting for Kafka at once in one gateway; more are refused (503)',
  },
  SLAWATCH_TRUST_PROXY: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'false',
    doc: 'behind a load balancer: client addresses from X-Forwarded-For',
  },
  SLAWATCH_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'log level',
  },
} as const;

type Env = typeof ENV;
export type ServiceConfig = { [K in keyof Env]: z.output<Env[K]['schema']> };

export type ConfigLoad =
  | { ok: true; config: ServiceConfig }
  | { ok: false; problems: ValidationProblem[]; message: string };

/**
 * Reads and validates the whole configuration from `env` at once, so that a bad start
 * lists every problem instead of failing on the first.
 */
export function loadServiceConfig(env: Readonly<Record<string, string | undefined>>): ConfigLoad {
  const problems: ValidationProblem[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(ENV)) {
    const raw = env[name] === undefined || env[name] === '' ? spec.default : env[name];
    if (raw === undefined) {
      problems.push({ path: name, message: `is required: ${spec.doc}` });
      continue;
    }
    const parsed = (spec.schema as z.ZodType).safeParse(raw);
    if (parsed.success) config[name] = parsed.data;
    else
      for (const issue of parsed.error.issues)
        problems.push({ path: name, message: issue.message });
  }
  if (problems.length > 0)
    return {
      ok: false,
      problems,
      message: `invalid configuration:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`,
    };
  return { ok: true, config: config as ServiceConfig };
}
