import * as z from 'zod';
import { parseDuration } from '../policy/duration.js';
import { durationSchema } from '../policy/policy-schema.js';
import { LOW_SCORE_AT_MOST } from '../follow-up/low-score.js';
import { ALERT_LEVELS, ROUTE_LABELS } from './alert-labels.js';
import type { AlertingSettings, DigestSpec, RouteSpec } from './alerting-settings.js';
import { DIGEST_EVERY, parseDigestAt } from './digest-schedule.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
  error: 'must be 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
});
// Secrets are never written in the document: only the variable that holds them.
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, {
  error: 'must name an environment variable (capital letters, digits and "_"), not hold a value',
});
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const base = {
  id,
  ratePerMinute: z.number().int().min(1).max(100_000).default(60),
  quietHours: z
    .strictObject({
      outside: z.string().min(1),
      except: z.array(z.enum(ALERT_LEVELS)).default([]),
    })
    .nullable()
    .default(null),
};

const receiverSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      ...base,
      type: z.literal('webhook'),
      urlEnv: envName,
      secretEnv: envName.nullable().default(null),
    }),
    z.strictObject({ ...base, type: z.literal('slack'), urlEnv: envName }),
    z.strictObject({
      ...base,
      type: z.literal('pagerduty'),
      routingKeyEnv: envName,
      url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
    }),
    z.strictObject({ ...base, type: z.literal('alertmanager'), url: httpUrl }),
    z.strictObject({
      ...base,
      type: z.literal('email'),
      smtp: z.strictObject({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65_535).default(587),
        secure: z.boolean().default(false),
        user: z.string().min(1).nullable().default(null),
        passwordEnv: envName.nullable().default(null),
      }),
      from: z.email(),
      to: z.array(z.email()).min(1),
    }),
  ],
  { error: 'must be one of webhook, slack, pagerduty, alertmanager, email' },
);

const matchSchema = z.strictObject(
  Object.fromEntries(
    ROUTE_LABELS.map((l) => [l, z.array(z.string().min(1)).min(1).optional()]),
  ) as Record<(typeof ROUTE_LABELS)[number], z.ZodOptional<z.ZodArray<z.ZodString>>>,
);

const routeSchema: z.ZodType<RouteSpec, unknown> = z.lazy(() =>
  z.strictObject({
    match: matchSchema.default({}),
    receivers: z.array(z.string().min(1)).default([]),
    continue: z.boolean().default(false),
    routes: z.array(routeSchema).default([]),
  }),
);

/** At most this many digests, and teams in one: each team is a message a period. */
export const MAX_DIGESTS = 50;
export const MAX_DIGEST_TEAMS = 50;

const digestSchema = z
  .strictObject({
    id,
    every: z.enum(DIGEST_EVERY),
    at: z.string(),
    calendar: z.string().min(1).nullable().default(null),
    teams: z
      .array(z.string().min(1).max(512))
      .min(1)
      .max(MAX_DIGEST_TEAMS)
      .transform((teams) => [...new Set(teams)])
      .nullable()
      .default(null),
    receivers: z.array(z.string().min(1)).min(1).max(50),
  })
  .transform((d, ctx): DigestSpec => {
    const at = parseDigestAt(d.every, d.at);
    if (!at.ok) {
      ctx.issues.push({ code: 'custom', input: d.at, path: ['at'], message: at.message });
      return z.NEVER;
    }
    return { ...d, schedule: at.schedule };
  });

export const alertingSchema = z.strictObject({
  reminders: z
    .array(durationSchema)
    .default([])
    .transform((ms) => [...new Set(ms)].sort((a, b) => a - b)),
  // A duration, or 0s: no grouping.
  groupWindow: z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      if (v === 0 || v === '0' || v === '0s') return 0;
      const parsed = parseDuration(String(v));
      if (parsed.ok) return parsed.ms;
      ctx.issues.push({ code: 'custom', input: v, message: `${parsed.message}, or 0s for none` });
      return z.NEVER;
    })
    .default(30_000),
  ticketUrl: z
    .string()
    .regex(/^https?:\/\/\S*\{ticketId\}/, {
      error: 'must be an http(s) URL containing {ticketId}',
    })
    .nullable()
    .default(null),
  receivers: z.array(receiverSchema).default([]),
  route: routeSchema.default({ match: {}, receivers: [], continue: false, routes: [] }),
  forecast: z
    .strictObject({ minProbability: z.number().min(0.05).max(1) })
    .nullable()
    .default(null),
  // Only the follow-up list's low scores can be announced: a stricter bound, never a wider.
  feedback: z
    .strictObject({
      csatAtMost: z
        .number()
        .int()
        .min(1)
        .max(LOW_SCORE_AT_MOST.csat)
        .default(LOW_SCORE_AT_MOST.csat),
      npsAtMost: z.number().int().min(0).max(LOW_SCORE_AT_MOST.nps).default(LOW_SCORE_AT_MOST.nps),
    })
    .nullable()
    .default(null),
  digests: z.array(digestSchema).max(MAX_DIGESTS).default([]),
});

/** The settings of a valid `alerting` section (references are checked by the loader). */
export function toAlertingSettings(parsed: z.output<typeof alertingSchema>): AlertingSettings {
  return {
    reminders: parsed.reminders,
    groupWindowMs: parsed.groupWindow,
    ticketUrl: parsed.ticketUrl,
    receivers: parsed.receivers,
    route: parsed.route,
    forecast: parsed.forecast,
    feedback: parsed.feedback,
    digests: parsed.digests,
  };
}
