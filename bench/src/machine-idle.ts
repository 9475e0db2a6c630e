import { readFileSync } from 'node:fs';

// Linux counts CPU time in /proc/stat in clock ticks of 1/100 s (USER_HZ); on the first
// line, summed over all cores, the 4th and 5th numbers are idle and iowait.
const TICK_MS = 10;

/**
 * Idle CPU time (ms, all cores together) the machine has had since boot; NaN when not on
 * Linux. Two of them a while apart tell whether a measurement had cores to spare or
 * shared them with other work on the machine (other sessions' tests and builds).
 */
export function machineIdleMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    return (Number(fields[4]) + Number(fields[5])) * TICK_MS;
  } catch {
    return NaN;
  }
}
