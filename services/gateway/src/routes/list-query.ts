import * as z from 'zod';

/** `a,b,c` → ['a', 'b', 'c'] (query strings carry lists comma-separated). */
export const commaList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  )
  .optional();

/** Filters of the live lists: by team, queue, priority, policy, assignee. */
export const listFilterQuery = {
  team: commaList.describe('only these teams, comma-separated'),
  queue: commaList.describe('only these queues, comma-separated'),
  priority: commaList.describe('only these priorities, comma-separated'),
  policy: commaList.describe('only these policies, comma-separated'),
  assignee: commaList.describe('only tickets of these agents, comma-separated (`-`: none)'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
};
