/**
 * The BullMQ queue names, beside the keys (keys.ts builds the prefix they live under).
 * Their values are part of what is stored in Redis: renaming one strands the jobs already
 * queued under the old name.
 */

/** The queue of the deadline timers' wake jobs (timers/timer-queue.ts). */
export const TIMER_QUEUE = 'deadlines';

/** The BullMQ queue of one receiver's notifications. */
export const notificationQueueName = (receiver: string): string => `notify.${receiver}`;
