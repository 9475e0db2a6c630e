import { z } from 'zod';
import { CHANNELS, OPEN_STATUSES, PRIORITIES } from '../contract/vocabulary.js';
import { parseDuration } from './duration.js';
import { DEFAULT_PAUSE_ON } from './policy.js';

/** A single value is accepted where a list is expected: `priority: urgent`. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v: unknown): unknown => (Array.isArray(v) ? v : [v]), z.array(item).min(1));

const name = z.string().min(1).max(256);
const attributeValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a string, a number or a boolean',
});

// `attributes.<name>: [...]` (the form docs/policies.md names first) and `attributes: {<name>: [...]}`
// are both accepted; the first is folded into the second before validation.
const foldAttributeKeys = (v: unknown): unknown => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  let attributes: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(v)) {
    if (key.startsWith('attributes.') && key.length > 'attributes.'.length) {
      attributes ??= {};
      attributes[key.slice('attributes.'.length)] = value;
    } else out[key] = value;
  }
  if (attributes) {
    const nested: unknown = out.attributes;
    out.attributes =
      typeof nested === 'object' && nested !== null && !Array.isArray(nested)
        ? { ...nested, ...attributes }
        : attributes;
  }
  return out;
};

const matchSchema = z.preprocess(
  foldAttributeKeys,
  z.strictObject({
    priority: listOf(z.enum(PRIORITIES)).optional(),
    channel: listOf(z.enum(CHANNELS)).optional(),
    team: listOf(name).optional(),
    queue: listOf(name).optional(),
    customerTier: listOf(name).optional(),
    category: listOf(name).optional(),
    tags: listOf(name).optional(),
    attributes: z.record(name, listOf(attributeValue)).optional(),
  }),
);

export const durationSchema = z
  .string({ error: 'must be a duration such as "15m", "4h" or "PT4H"' })
  .transform((text, ctx) => {
    const parsed = parseDuration(text);
    if (parsed.ok) return parsed.ms;
    ctx.issues.push({ code: 'custom', input: text, message: parsed.message });
    return z.NEVER;
  });

const fraction = z.number().check((ctx) => {
  if (!(ctx.value > 0 && ctx.value < 1))
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `must be a fraction of the target between 0 and 1 (exclusive), got ${ctx.value}`,
    });
});

export const policySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
    error: 'must be 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
  }),
  match: matchSchema.optional().transform((m) => m ?? {}),
  calendar: name.default('24x7'),
  targets: z
    .strictObject({
      firstResponse: durationSchema.optional(),
      nextResponse: durationSchema.optional(),
      resolution: durationSchema.optional(),
      // docs/events.md, "Further clocks".
      periodicUpdate: durationSchema.optional(),
      pausableUpdate: durationSchema.optional(),
      requesterWait: durationSchema.optional(),
      agentWork: durationSchema.optional(),
    })
    .default({}),
  pauseOn: z
    .array(z.enum(OPEN_STATUSES))
    .default([...DEFAULT_PAUSE_ON] as ('pending' | 'on_hold')[]),
  warnAt: z
    .array(fraction)
    .default([])
    .transform((ws) => [...new Set(ws)].sort((a, b) => a - b)),
});

/** The policy document's top level; calendars are validated by the calendar schema. */
export const policyDocumentSchema = z.strictObject({
  calendars: z.array(z.unknown()).default([]),
  policies: z.array(z.unknown()),
  /** Rolling windows and quality weights (metrics/metrics-settings.ts). */
  metrics: z.unknown().optional(),
  /** Receivers and routes of notifications (alerting/alerting-schema.ts). */
  alerting: z.unknown().optional(),
});
