import type { z } from 'zod';

/**
 * Re-raises the issues of a nested parse under `prefix`, for hand-written transforms that
 * parse parts of their input with other schemas and must keep precise paths.
 */
export function forwardIssues(
  ctx: z.core.$RefinementCtx,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
): void {
  for (const issue of issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: [...prefix, ...issue.path] });
  }
}
