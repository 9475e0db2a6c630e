/** An answer of the gateway that is not the shape this page was built for. */
export class MalformedAnswer extends Error {
  constructor(path: string, expected: string) {
    super(`the gateway's answer has no ${expected} at ${path || 'its top'}`);
    this.name = 'MalformedAnswer';
  }
}

/**
 * Reads one field after another out of an answer, naming the first that is wrong. Used
 * where a silently defaulted figure would mislead (a report of zeros reads as "no change").
 */
export const read = {
  object: (v: unknown, path: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new MalformedAnswer(path, 'object');
    return v as Record<string, unknown>;
  },
  array: (v: unknown, path: string): readonly unknown[] => {
    if (!Array.isArray(v)) throw new MalformedAnswer(path, 'list');
    return v;
  },
  string: (v: unknown, path: string): string => {
    if (typeof v !== 'string') throw new MalformedAnswer(path, 'text');
    return v;
  },
  number: (v: unknown, path: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MalformedAnswer(path, 'number');
    return v;
  },
  /** A share or a probability: a number from 0 to 1. */
  ratio: (v: unknown, path: string): number => {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw new MalformedAnswer(path, 'number 0..1');
    return v;
  },
  boolean: (v: unknown, path: string): boolean => {
    if (typeof v !== 'boolean') throw new MalformedAnswer(path, 'true or false');
    return v;
  },
  instant: (v: unknown, path: string): number => {
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) throw new MalformedAnswer(path, 'RFC 3339 time');
    return t;
  },
  oneOf: <T extends string>(v: unknown, path: string, values: readonly T[]): T => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw new MalformedAnswer(path, `one of ${values.join(', ')}`);
    return v as T;
  },
  nullable: <T>(v: unknown, path: string, inner: (v: unknown, path: string) => T): T | null =>
    v === null || v === undefined ? null : inner(v, path),
};
