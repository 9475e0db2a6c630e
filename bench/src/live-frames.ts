import type { Page, WebSocket } from 'playwright-core';

/** A metrics message the page received over its live websocket. */
export interface MetricsFrame {
  /** When Node heard of it from Chromium (Date.now()): a CDP hop after the page got it. */
  readonly at: number;
  /** The message's `deltaAt`: when the tracker published the change it shows. */
  readonly deltaAt: number;
  /** The first `volume.created` in its data: tickets in, for the board's scope. */
  readonly created: number;
}

function firstCreated(value: unknown): number {
  if (typeof value !== 'object' || value === null) return NaN;
  const volume = (value as { volume?: { created?: unknown } }).volume;
  if (typeof volume?.created === 'number') return volume.created;
  for (const child of Object.values(value)) {
    const found = firstCreated(child);
    if (!Number.isNaN(found)) return found;
  }
  return NaN;
}

/**
 * Listens to the page's websockets (set up before the page opens) for the board's
 * `metrics` subscription: its snapshots and updates, with their `deltaAt`.
 */
export class LiveFrames {
  private readonly frames: MetricsFrame[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws: WebSocket) =>
      ws.on('framereceived', ({ payload }) => {
        const at = Date.now();
        if (typeof payload !== 'string' || !payload.includes('"id":"metrics"')) return;
        try {
          const m = JSON.parse(payload) as { type?: string; deltaAt?: string; data?: unknown };
          if (m.type !== 'update' && m.type !== 'snapshot') return;
          this.frames.push({
            at,
            deltaAt: m.deltaAt === undefined ? NaN : Date.parse(m.deltaAt),
            created: firstCreated(m.data),
          });
        } catch {
          // Not JSON: not ours to measure.
        }
      }),
    );
  }

  /** The frames received from `from` on (Date.now()), oldest first. */
  since(from: number): MetricsFrame[] {
    return this.frames.filter((f) => f.at >= from);
  }
}
