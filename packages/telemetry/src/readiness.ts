import { withDeadline } from './with-deadline.js';

/** A dependency a readiness probe checks (Redis, Kafka): resolves when usable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** The answer of `/readyz`: ready when every check passed; each check's `ok` or error. */
export interface Readiness {
  readonly ready: boolean;
  readonly body: { status: 'ready' | 'not ready'; checks: Record<string, string> };
}

/**
 * Runs every check at once, each given at most `timeoutMs`: a dependency that hangs (a
 * paused Redis) must fail the probe, not hold it until the prober gives up.
 */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2000,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (r) => {
      try {
        await withDeadline(r.check(), timeoutMs, 'timed out');
        return [r.name, 'ok'] as const;
      } catch (error) {
        return [r.name, error instanceof Error ? error.message : 'unreachable'] as const;
      }
    }),
  );
  const ready = results.every(([, s]) => s === 'ok');
  return {
    ready,
    body: { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) },
  };
}
