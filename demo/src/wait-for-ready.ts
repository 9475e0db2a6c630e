import type { OwnedChild } from './owned-child.js';

/**
 * Polls `url` until it answers 200. Fails, with the child's last lines, when the child
 * exits first or `ms` pass: a service that cannot start says why in its log.
 */
export async function waitForReady(url: string, child: OwnedChild, ms: number): Promise<void> {
  // Set from a callback: an object, so the loop reads it afresh.
  const state: { exited: string | null } = { exited: null };
  void child.exited.then((how) => (state.exited = how));
  const until = Date.now() + ms;
  let last = 'no answer';
  for (;;) {
    if (state.exited !== null)
      throw new Error(
        `${child.name} exited (${state.exited}) before it was ready:\n${child.tail()}`,
      );
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > until)
      throw new Error(`${url} not ready after ${ms / 1000} s (${last}):\n${child.tail()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
