import * as z from 'zod';

const problem = z.object({ path: z.string(), message: z.string() });

/** The answer of `POST /events`: the events taken and those refused, by their index. */
export const INGEST_ANSWER = z.object({
  accepted: z.array(
    z.object({ index: z.number(), source: z.string(), id: z.string(), subject: z.string() }),
  ),
  rejected: z.array(
    z.object({ index: z.number(), id: z.string().nullable(), problems: z.array(problem) }),
  ),
});

/** A webhook's answer: the same, and what the delivery held that maps to no event. */
export const WEBHOOK_ANSWER = INGEST_ANSWER.extend({ ignored: z.array(problem) });
