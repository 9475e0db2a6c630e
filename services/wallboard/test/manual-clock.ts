import type { Schedule } from '../src/jobs/job-run';

/**
 * A clock the test moves by hand: the tasks waiting, and their delays. A test of a polling
 * page fires the next refresh itself instead of waiting 30 s for it.
 */
export function manualClock() {
  const tasks: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (ms, task) => {
    const entry = { ms, task, cancelled: false };
    tasks.push(entry);
    return () => (entry.cancelled = true);
  };
  const waiting = () => tasks.filter((t) => !t.cancelled);
  const fire = () => {
    const next = waiting()[0]!;
    next.cancelled = true;
    next.task();
  };
  return { schedule, waiting, fire };
}
