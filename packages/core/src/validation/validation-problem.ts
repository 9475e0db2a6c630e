import type { z } from 'zod';
import { formatPath } from './format-path.js';

/** A problem found in a document: where (`policies[2].targets.resolution`) and what. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

/** `path: message`, or just the message for a problem at the document root. */
export const describeProblem = (p: ValidationProblem): string =>
  p.path === '' ? p.message : `${p.path}: ${p.message}`;

/** Turns zod's issues into problems, prefixing each path with `prefix`. */
export function problemsFromZod(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): ValidationProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
