import type { AcceptedEvent } from '@slawatch/core';

/** Every valid event of the events topic, by ticket, as a backtest folds them. */
export interface History {
  readonly byTicket: ReadonlyMap<string, readonly AcceptedEvent[]>;
  /** Invalid messages left out (the tracker dead-lettered them). */
  readonly rejected: number;
  /** Valid events read. */
  readonly events: number;
}

export interface HistoryReadOptions {
  /** Past this many valid events the read stops and resolves to `too-large`. */
  readonly maxEvents: number;
  /** Stops the read, which then rejects with the signal's reason. */
  readonly signal: AbortSignal;
  /** Messages read of those the topic held when the read started. */
  onProgress(done: number, total: number): void;
}

/**
 * Where the gateway's backtests read the ticket history: the events topic, read by the
 * composition root's replay (a consumer group of its own that commits nothing), so the
 * gateway itself does not depend on the tracker's validation code.
 */
export interface HistorySource {
  read(options: HistoryReadOptions): Promise<History | 'too-large'>;
}
