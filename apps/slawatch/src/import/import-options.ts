/** `slawatch import zendesk`'s options, checked (import-command.ts). */
export interface ImportOptions {
  readonly file: string | null;
  /** Start of the export (ms); null with --file and no --from. */
  readonly from: number | null;
  readonly to: number | null;
  readonly source: string;
  readonly baseUrl: string;
  readonly authorization: string;
  readonly state: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  /** NDJSON to standard output (`-`) or a file instead of Kafka. */
  readonly out: string | null;
  readonly dryRun: boolean;
  readonly retries: number;
}

/** The longest Retry-After honoured on a 429 (Zendesk's incremental limit is per minute). */
export const MAX_RETRY_AFTER_S = 120;
