import { parseInstant, type Instant } from '@slawatch/core';
import type { RequestProblem } from '../errors.js';

/** A JSON object of a webhook body, read but not yet checked. */
export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A positive integer id as text, or null for none, for helpdesks whose ids are integers
 * (sent as JSON numbers, or as text). `null`, `""`, `0` and text longer than `maxLength`
 * (each helpdesk's room in the contract's 256-character ids) are none.
 */
export function positiveIdText(value: unknown, maxLength: number): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' || text === '0' || text.length > maxLength ? null : text;
}

/**
 * The JSON object at `body.<name>`, null when absent, or a problem when it is something
 * else (so that every wrong part of a body is listed at once).
 */
export function objectAt(
  body: JsonObject,
  name: string,
  problems: RequestProblem[],
): JsonObject | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (isJsonObject(value)) return value;
  problems.push({ path: `body.${name}`, message: 'must be an object' });
  return null;
}

/**
 * The RFC 3339 timestamp at `<path>.<field>` of `record` as an instant, or null with a
 * problem at that path when it is missing or not one.
 */
export function instantAt(
  record: JsonObject,
  field: string,
  path: string,
  problems: RequestProblem[],
): Instant | null {
  const value = record[field];
  const at = typeof value === 'string' ? parseInstant(value) : null;
  if (at === null)
    problems.push({
      path: `${path}.${field}`,
      message: `must be an RFC 3339 timestamp, got ${JSON.stringify(value ?? null)}`,
    });
  return at;
}
