/** Clients refused or closed so far for each of the stream's limits. */
export interface LiveLimitCounts {
  /** Messages refused over the rate (each answered with an error). */
  messages: number;
  /** Clients closed for sending over the rate after their burst (4029). */
  floods: number;
  /** Connections closed at once: their token had its most (4030). */
  connections: number;
  /** Subscriptions refused: their token held its most distinct views. */
  views: number;
}
