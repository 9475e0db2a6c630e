import { issueMessage } from '../validation/issue-message.js';
import {
  describeProblem,
  problemsFromZod,
  type ValidationProblem,
} from '../validation/validation-problem.js';
import { parseInstant, type Instant } from '../time/instant.js';
import { EVENT_TYPES, type EventType } from './vocabulary.js';
import { EVENT_TIME_RANGE_RULE, isAcceptedEventTime } from './event-time-range.js';
import { fieldNestedTooDeep, MAX_EVENT_DEPTH } from './nesting-depth.js';
import { dataSchemas, envelopeSchema } from './event-schema.js';
import type { TicketEvent } from './ticket-event.js';
import { quickAccept } from './quick-accept.js';

export type EventValidation =
  | { readonly ok: true; readonly event: TicketEvent; readonly time: Instant }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly problems: readonly ValidationProblem[];
    };

const options = { error: issueMessage } as const;

const isEventType = (value: unknown): value is EventType =>
  typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);

const reject = (problems: ValidationProblem[]): EventValidation => ({
  ok: false,
  reason: problems.map(describeProblem).join('; '),
  problems,
});

/**
 * Checks one decoded event against the events contract. Every problem is reported with
 * the field and the rule (`data.priority: must be one of urgent, high, normal, low`);
 * the envelope and the type's data are both checked so one pass lists everything.
 */
export function validateEvent(input: unknown): EventValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return reject([{ path: '', message: 'an event must be a JSON object' }]);
  const tooDeep = fieldNestedTooDeep(input, MAX_EVENT_DEPTH);
  if (tooDeep !== null)
    return reject([
      {
        path: tooDeep,
        message: `nested deeper than ${MAX_EVENT_DEPTH} levels of objects and arrays (the event being level 1)`,
      },
    ]);
  const raw = input as Record<string, unknown>;
  const time = typeof raw.time === 'string' ? parseInstant(raw.time) : null;
  // The common case, a valid event, without interpreting the schema (quick-accept.ts);
  // whatever that is not sure of goes through the schema, which lists every problem.
  if (time !== null && isAcceptedEventTime(time)) {
    const event = quickAccept(input);
    if (event !== null) return { ok: true, event, time };
  }
  const envelope = envelopeSchema.safeParse(input, options);
  const problems = envelope.success ? [] : problemsFromZod(envelope.error);
  if (time === null && typeof raw.time === 'string')
    problems.push({
      path: 'time',
      message: `must be an RFC 3339 timestamp such as 2026-11-23T09:00:00Z, got ${JSON.stringify(raw.time)}`,
    });
  else if (time !== null && !isAcceptedEventTime(time))
    problems.push({
      path: 'time',
      message: `${EVENT_TIME_RANGE_RULE}, got ${JSON.stringify(raw.time)}`,
    });
  if (
    isEventType(raw.type) &&
    typeof raw.data === 'object' &&
    raw.data !== null &&
    !Array.isArray(raw.data)
  ) {
    const data = dataSchemas[raw.type].safeParse(raw.data, options);
    if (!data.success) problems.push(...problemsFromZod(data.error, ['data']));
    else if (envelope.success && problems.length === 0) {
      const event = { ...envelope.data, data: data.data } as unknown as TicketEvent;
      return { ok: true, event, time: time! };
    }
  }
  return reject(problems);
}

/** Decodes and validates one message value (UTF-8 JSON text). */
export function decodeEvent(text: string): EventValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return reject([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return validateEvent(parsed);
}
