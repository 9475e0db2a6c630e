import type { ApiClient } from './api-client';
import { parseBacktestJob, type BacktestJob } from './backtest-job';
import type { PolicyDocumentJson } from './policy-calendars';
import { parseValidationAnswer, type ValidationAnswer } from './validation-answer';

/**
 * A policy document as the page sends it: parsed JSON as JSON, anything else as the YAML
 * text it is (the gateway parses it, and names a YAML error by line and column).
 */
export type CandidateDocument =
  { readonly json: Readonly<Record<string, unknown>> } | { readonly yaml: string };

/** What `POST /api/v1/backtest` takes besides the document: a span, or a start, and an end. */
export interface BacktestWindowFields {
  readonly from?: string;
  readonly since?: string;
  readonly until?: string;
}

/** The routes the "What if…" page uses (docs/api.md), their answers read. */
export interface WhatIfApi {
  validatePolicies(candidate: CandidateDocument): Promise<ValidationAnswer>;
  /** The document in force. */
  policies(): Promise<PolicyDocumentJson>;
  /** Starts a backtest job (admin scope); the job as first written. */
  startBacktest(candidate: CandidateDocument, window: BacktestWindowFields): Promise<BacktestJob>;
  backtestJob(id: string): Promise<BacktestJob>;
  cancelBacktest(id: string): Promise<void>;
}

const jobPath = (id: string) => `api/v1/backtest/${encodeURIComponent(id)}`;

/** {@link WhatIfApi} over the gateway, as the signed-in token. */
export const whatIfApi = (api: ApiClient): WhatIfApi => ({
  validatePolicies: (candidate) =>
    api.send('POST', 'api/v1/policies/validate', candidate).then(parseValidationAnswer),
  policies: () => api.policies(),
  startBacktest: (candidate, window) =>
    api
      .send('POST', 'api/v1/backtest', {
        json: { policies: 'json' in candidate ? candidate.json : candidate.yaml, ...window },
      })
      .then(parseBacktestJob),
  backtestJob: (id) => api.send('GET', jobPath(id)).then(parseBacktestJob),
  cancelBacktest: async (id) => {
    await api.send('DELETE', jobPath(id));
  },
});
