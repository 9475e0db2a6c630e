import { createHash } from 'node:crypto';

/** Job ids are the notification ids hashed: BullMQ refuses ":" in them, marks have it. */
export const notificationJobId = (id: string): string =>
  `n-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;

/** A batch's job id: its notifications' ids hashed, so the same batch queued twice is one job. */
export const batchJobId = (ids: readonly string[]): string =>
  `b-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 40)}`;

/**
 * The job a batch hands a notification over to: an id of its own, so that it is added
 * even if a job of the notification queued alone (notificationJobId) is still kept.
 */
export const handOverJobId = (id: string): string =>
  `h-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
