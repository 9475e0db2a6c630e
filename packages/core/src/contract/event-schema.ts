import { z } from 'zod';
import {
  AUTHORS,
  CHANNELS,
  EVENT_TYPES,
  PRIORITIES,
  STATUSES,
  SURVEY_KINDS,
  type EventType,
} from './vocabulary.js';

// Shapes and limits as docs/events.md states them; they follow the reference
// events.schema.json, which a test cross-checks when ../shared is beside the repository.
const text = z.string().min(1).max(256);

const tags = z
  .array(text)
  .max(64)
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach((tag, i) => {
      if (seen.has(tag))
        ctx.issues.push({
          code: 'custom',
          input: tag,
          path: [i],
          message: `duplicate tag ${JSON.stringify(tag)}`,
        });
      seen.add(tag);
    });
  });

const attributes = z
  .record(
    z.string(),
    z.union([z.string().max(1024), z.number(), z.boolean()], {
      error: 'must be a string (at most 1024 characters), a number or a boolean',
    }),
  )
  .check((ctx) => {
    const count = Object.keys(ctx.value).length;
    if (count > 64)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must have at most 64 attributes, got ${count}`,
      });
  });

const fieldChanges = {
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS),
  team: text,
  queue: text,
  customerTier: text,
  category: text,
  tags,
  attributes,
};

const changes = z
  .object({
    priority: fieldChanges.priority.optional(),
    channel: fieldChanges.channel.optional(),
    team: text.optional(),
    queue: text.optional(),
    customerTier: text.optional(),
    category: text.optional(),
    tags: tags.optional(),
    attributes: attributes.optional(),
  })
  .loose()
  .check((ctx) => {
    if (Object.keys(ctx.value).length === 0)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'must change at least one field',
      });
  });

const score = z.number().int();

/** The `data` schema of each event type. */
export const dataSchemas: Record<EventType, z.ZodType> = {
  'ticket.created': z.object({
    priority: fieldChanges.priority,
    channel: fieldChanges.channel,
    status: z.enum(STATUSES).optional(),
    team: text.optional(),
    queue: text.optional(),
    assigneeId: text.optional(),
    requesterId: text.optional(),
    customerId: text.optional(),
    customerTier: text.optional(),
    category: text.optional(),
    tags: tags.optional(),
    attributes: attributes.optional(),
  }),
  'ticket.updated': z.object({ changes }),
  'ticket.assigned': z.object({ assigneeId: text, team: text.optional() }),
  'ticket.commented': z.object({
    author: z.enum(AUTHORS),
    public: z.boolean(),
    authorId: text.optional(),
  }),
  'ticket.status_changed': z.object({ status: z.enum(STATUSES) }),
  'ticket.escalated': z.object({
    level: z.number().int().min(1).optional(),
    toTeam: text.optional(),
    reason: z.string().max(2000).optional(),
  }),
  'ticket.surveyed': z.object({ kind: z.enum(SURVEY_KINDS), score }).check((ctx) => {
    const { kind, score: s } = ctx.value;
    const [min, max] = kind === 'csat' ? [1, 5] : [0, 10];
    if (s < min || s > max)
      ctx.issues.push({
        code: 'custom',
        input: s,
        path: ['score'],
        message: `must be an integer from ${min} to ${max} for a ${kind} survey, got ${s}`,
      });
  }),
  'ticket.deleted': z.object({}),
};

/** The CloudEvents 1.0 envelope; extension attributes are allowed. */
export const envelopeSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: text,
    source: text,
    type: z.enum(EVENT_TYPES),
    subject: text,
    // Parsed (and reported when not RFC 3339) once, by validateEvent.
    time: z.string(),
    datacontenttype: z.literal('application/json').optional(),
    data: z.record(z.string(), z.unknown(), {
      error: (iss) => (iss.input === undefined ? 'is required' : 'must be an object'),
    }),
  })
  .loose();
