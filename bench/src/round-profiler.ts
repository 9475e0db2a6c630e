import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';

/** What a RoundProfiler records: V8's CPU profile, or its sampled allocations. */
export type ProfileKind = 'cpu' | 'heap';

const SAMPLING_INTERVAL_BYTES = 32_768;

/**
 * V8's profile of chosen stretches of a run, one file each: `.cpuprofile` (CPU) or
 * `.heapprofile` (allocations, collected objects included); both open in Chrome's DevTools
 * or speedscope. `node --cpu-prof` profiles a whole benchmark, where generating and
 * producing the traffic hide what a measured round spends; this profiles the round alone.
 * Off (every call a no-op) when `dir` is undefined.
 */
export class RoundProfiler {
  private session: Session | null = null;
  private count = 0;

  constructor(
    private readonly kind: ProfileKind,
    private readonly dir: string | undefined,
  ) {}

  async start(): Promise<void> {
    if (this.dir === undefined) return;
    if (!this.session) {
      mkdirSync(this.dir, { recursive: true });
      this.session = new Session();
      this.session.connect();
      if (this.kind === 'cpu') await this.session.post('Profiler.enable');
    }
    if (this.kind === 'cpu') await this.session.post('Profiler.start');
    else
      await this.session.post('HeapProfiler.startSampling', {
        samplingInterval: SAMPLING_INTERVAL_BYTES,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
  }

  /** Stops the stretch begun by `start` and writes it as `<name>-<n>.<kind>profile`. */
  async stop(name: string): Promise<void> {
    if (!this.session) return;
    const { profile } =
      this.kind === 'cpu'
        ? await this.session.post('Profiler.stop')
        : await this.session.post('HeapProfiler.stopSampling');
    this.count += 1;
    const file = join(this.dir!, `${name}-${this.count}.${this.kind}profile`);
    writeFileSync(file, JSON.stringify(profile));
  }

  close(): void {
    this.session?.disconnect();
    this.session = null;
  }
}
