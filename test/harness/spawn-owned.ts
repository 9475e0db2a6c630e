import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { lookupBinary } from './find-binary.js';
import { trackProcess } from './process-registry.js';

/**
 * Spawns a child this process owns: registered for kill-on-exit, and on Linux, when
 * util-linux's `setpriv` is there, started with a parent-death signal so the kernel kills
 * it even if we die by SIGKILL and no exit hook runs. `setpriv` execs the program, so the
 * pid we get is the program's own.
 */
export function spawnOwned(
  binary: string,
  args: string[],
  { env, stdio }: { env: NodeJS.ProcessEnv; stdio: StdioOptions },
): ChildProcess {
  const setpriv = process.platform === 'linux' ? lookupBinary('setpriv', env) : undefined;
  const child =
    setpriv === undefined
      ? spawn(binary, args, { env, stdio })
      : spawn(setpriv, ['--pdeathsig', 'SIGKILL', '--', binary, ...args], { env, stdio });
  trackProcess(child);
  return child;
}
