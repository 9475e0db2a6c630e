import { DEFAULT_MAX_FUTURE_MS, type MessageLimits } from '@slawatch/core';

/** The bounds of `POST /api/v1/events` (docs/api.md, "Sending events over HTTP"). */
export interface IngestLimits extends MessageLimits {
  /** `SLAWATCH_INGEST_MAX_BYTES`: the largest request body (413 beyond). */
  readonly maxBytes: number;
  /** `SLAWATCH_INGEST_MAX_EVENTS`: the most events in one request (413 beyond). */
  readonly maxEvents: number;
  /** `SLAWATCH_INGEST_TIMEOUT`: how long a request waits for Kafka's acknowledgement (503 after). */
  readonly timeoutMs: number;
  /** `SLAWATCH_INGEST_CONCURRENCY`: requests waiting for Kafka at once (503 beyond). */
  readonly maxInFlight: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxBytes: 1_048_576,
  maxEvents: 1_000,
  timeoutMs: 10_000,
  maxInFlight: 64,
  maxEventBytes: 65_536,
  maxFutureMs: DEFAULT_MAX_FUTURE_MS,
};
