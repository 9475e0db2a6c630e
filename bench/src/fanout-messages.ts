/** What gateway-fanout.ts hands its client process (argv, JSON). */
export interface FanoutClientsInput {
  readonly url: string;
  readonly token: string;
  readonly clients: number;
  readonly views: readonly object[];
  readonly subscriptionsPerClient: number;
  /** Client i subscribes to views i, i + spread, ... (mod the number of views). */
  readonly spread: number;
}

export type FanoutToClients =
  /** The latencies of updates whose deltas were published in [from, to], epoch ms. */
  | { readonly type: 'report'; readonly from: number; readonly to: number }
  | { readonly type: 'stop' };

export type FanoutFromClients =
  | {
      readonly type: 'connected';
      readonly connected: number;
      readonly failed: number;
      readonly snapshots: number;
    }
  | {
      readonly type: 'report';
      readonly latencies: readonly number[];
      readonly closedEarly: number;
      readonly cpuMs: number;
    };
