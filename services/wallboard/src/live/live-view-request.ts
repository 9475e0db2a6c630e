/** The views the board subscribes to, as the gateway's live protocol spells them. */
export type LiveViewRequest =
  | {
      readonly kind: 'metrics' | 'trend';
      readonly window: string;
      readonly dimension: 'all' | 'team' | 'queue';
      readonly values?: readonly string[];
    }
  | {
      readonly kind: 'atRisk';
      readonly team?: readonly string[];
      readonly queue?: readonly string[];
      readonly limit: number;
      /** Also the clocks paused after going at risk, after the running ones. */
      readonly paused?: boolean;
    }
  | {
      readonly kind: 'breaches';
      readonly sinceMinutes: number;
      readonly team?: readonly string[];
      readonly queue?: readonly string[];
      readonly limit: number;
    };
