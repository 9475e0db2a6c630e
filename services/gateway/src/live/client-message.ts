import type { RawData } from 'ws';
import * as z from 'zod';
import { describeProblem, DIMENSIONS, issueMessage, problemsFromZod } from '@slawatch/core';

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
  /** The subscription the message was about, when it named one. */
  readonly id?: string;
  readonly message: string;
  /** The bad field, e.g. `view.window`. */
  readonly path?: string;
}

export const errorMessage = (message: string, id?: string, path?: string): ErrorMessage => ({
  type: 'error',
  ...(id === undefined ? {} : { id }),
  message,
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
  if (isBinary) return { ok: false, error: errorMessage('send JSON text messages') };
  const bytes = bytesOf(data);
  if (bytes.length > maxBytes)
    return { ok: false, error: errorMessage(`a message may have at most ${maxBytes} bytes`) };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, error: errorMessage('not JSON') };
  }
  const parsed = schema.safeParse(value, { error: issueMessage });
  if (parsed.success) return { ok: true, message: parsed.data };
  const claimed = (value as { id?: unknown } | null)?.id;
  const [problem] = problemsFromZod(parsed.error);
  return {
    ok: false,
    error: errorMessage(
      problem ? describeProblem(problem) : 'invalid message',
      typeof claimed === 'string' ? claimed.slice(0, 64) : undefined,
      problem?.path === '' ? undefined : problem?.path,
    ),
  };
}
