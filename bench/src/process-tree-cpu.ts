import { readdirSync, readFileSync } from 'node:fs';

// Linux reports CPU time in clock ticks of 1/100 s (USER_HZ); /proc/<pid>/stat fields 4,
// 14 and 15 (counted from 1) are the parent pid, user and system time.
const TICK_MS = 10;

function stat(pid: number): { ppid: number; cpuMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
    };
  } catch {
    return undefined; // gone, or not Linux
  }
}

/**
 * CPU time (ms) used so far by a process and every live descendant of it: Chromium's
 * browser, GPU, network and renderer processes under the one Playwright started. Processes
 * that have already exited are not counted. NaN when the root is gone or not on Linux.
 */
export function processTreeCpuMs(root: number): number {
  const parents = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return NaN;
  }
  for (const name of pids) {
    const s = stat(Number(name));
    if (!s) continue;
    cpu.set(Number(name), s.cpuMs);
    const siblings = parents.get(s.ppid) ?? [];
    siblings.push(Number(name));
    parents.set(s.ppid, siblings);
  }
  if (!cpu.has(root)) return NaN;
  let total = 0;
  const todo = [root];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    total += cpu.get(pid) ?? 0;
    todo.push(...(parents.get(pid) ?? []));
  }
  return total;
}

/** The pids of this process' children running `command` (as /proc/<pid>/comm names it). */
export function childrenNamed(command: RegExp): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => {
        try {
          return (
            stat(pid)?.ppid === process.pid &&
            command.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim())
          );
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}
