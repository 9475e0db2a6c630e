import { SupportFloor } from '@slawatch/traffic';

/** A generated stream of ticket events and the instant its views are compared at. */
export interface FloorStream {
  readonly seed: number;
  readonly events: readonly object[];
  /** The end of the stream's simulated time: no event is later. */
  readonly at: number;
}

const MINUTE = 60_000;

/**
 * Ticket events from the traffic simulator (packages/traffic, tuned for its
 * demo-policies.yaml): a backlog and `minutes` of a support floor at `rate` events/s, late
 * and duplicate deliveries included, in delivery order. The floor ends two hours ago, so
 * every deadline the compressed demo targets give has passed before the run starts: every
 * breach of the reference is found by the fold itself, and none depends on the wall clock
 * of the run. Kept small: the mock broker keeps about 5 MB per partition.
 */
export function floorStream(seed: number, minutes = 10, rate = 3): FloorStream {
  // The floor names its tickets and events after its start second: a start of its own per
  // seed keeps two streams of one test apart.
  const at = Math.floor(Date.now() / MINUTE) * MINUTE - 120 * MINUTE - (seed % 3600) * 1000;
  const start = at - minutes * MINUTE;
  const floor = new SupportFloor({ seed, start, rate, backlog: 20 });
  const events = floor.advance(at).map((d) => d.event as object);
  return { seed, events, at };
}
