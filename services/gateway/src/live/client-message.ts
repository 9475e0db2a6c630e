import type { RawData } from 'ws';
import * as z from 'zod';
import {
  describeProblem,
  DIMENSIONS,
  issueMessage,
  problemsFromZod,
  SURVEY_KINDS,
} from '@slawatch/core';
import { errorText, type ErrorArgs, type ErrorCode } from '../error-catalog.js';

const name = z.string().min(1).max(200);
const names = z.array(name).min(1).max(100);
const listFilters = {
  team: names.optional(),
  queue: names.optional(),
  priority: names.optional(),
  policy: names.optional(),
  limit: z.int().min(1).max(1000).default(100),
};
const id = z.string().min(1).max(64);

/** The messages a live client may send, for the metric windows of the policy document. */
export function clientMessageSchema(windows: readonly string[]) {
  const metricQuery = {
    window: z.enum(windows as [string, ...string[]]).default(windows[0]!),
    dimension: z.enum(DIMENSIONS).default('all'),
    values: names.optional(),
  };
  const view = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('metrics'), ...metricQuery }),
    z.strictObject({ kind: z.literal('trend'), ...metricQuery }),
    z.strictObject({
      kind: z.literal('atRisk'),
      ...listFilters,
      // Also the clocks paused after going at risk, marked so.
      paused: z.boolean().default(false),
    }),
    z.strictObject({
      kind: z.literal('breaches'),
      ...listFilters,
      // The breach list keeps a week (LiveIndex's retention).
      sinceMinutes: z
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(24 * 60),
    }),
    z.strictObject({
      kind: z.literal('followUps'),
      ...listFilters,
      // The follow-up list keeps a week too, and low scores are rare: the week by default.
      sinceMinutes: z
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(7 * 24 * 60),
      survey: z.enum(SURVEY_KINDS).optional(),
    }),
  ]);
  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('subscribe'), id, view }),
    z.strictObject({ type: z.literal('unsubscribe'), id }),
  ]);
}

export type ClientMessageSchema = ReturnType<typeof clientMessageSchema>;
export type ClientMessage = z.output<ClientMessageSchema>;
export type ViewRequest = Extract<ClientMessage, { type: 'subscribe' }>['view'];

/** The error message the server answers a message it cannot act on with. */
export interface ErrorMessage {
  readonly type: 'error';
  /** The catalog code (docs/errors.md). */
  readonly code: ErrorCode;
  /** The subscription the message was about, when it named one. */
  readonly id?: string;
  readonly message: string;
  /** The bad field, e.g. `view.window`. */
  readonly path?: string;
}

/** The error message of catalog `code`, its text made from `args`. */
export const errorMessage = <C extends ErrorCode>(
  code: C,
  args: ErrorArgs<C>,
  id?: string,
  path?: string,
): ErrorMessage => ({
  type: 'error',
  code,
  ...(id === undefined ? {} : { id }),
  message: errorText(code, ...args),
  ...(path === undefined ? {} : { path }),
});

const bytesOf = (data: RawData): Buffer =>
  Buffer.isBuffer(data)
    ? data
    : Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.from(new Uint8Array(data));

/** A client's message, validated; or the error to answer it with. */
export function readClientMessage(
  schema: ClientMessageSchema,
  data: RawData,
  isBinary: boolean,
  maxBytes: number,
): { ok: true; message: ClientMessage } | { ok: false; error: ErrorMessage } {
  if (isBinary) return { ok: false, error: errorMessage('SLW_LIVE_MESSAGE_BINARY', []) };
  const bytes = bytesOf(data);
  if (bytes.length > maxBytes)
    return { ok: false, error: errorMessage('SLW_LIVE_MESSAGE_TOO_LARGE', [maxBytes]) };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, error: errorMessage('SLW_LIVE_MESSAGE_NOT_JSON', []) };
  }
  const parsed = schema.safeParse(value, { error: issueMessage });
  if (parsed.success) return { ok: true, message: parsed.data };
  const claimed = (value as { id?: unknown } | null)?.id;
  const [problem] = problemsFromZod(parsed.error);
  return {
    ok: false,
    error: errorMessage(
      'SLW_LIVE_MESSAGE_INVALID',
      [problem ? describeProblem(problem) : 'invalid message'],
      typeof claimed === 'string' ? claimed.slice(0, 64) : undefined,
      problem?.path === '' ? undefined : problem?.path,
    ),
  };
}
