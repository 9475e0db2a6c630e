import type { SurveyKind } from './follow-up.js';

/**
 * The dimensions a metrics view may be broken down by. A copy of core's DIMENSIONS (wire
 * imports nothing); the gateway checks at compile time that the two lists agree.
 */
export type LiveDimension =
  'all' | 'team' | 'queue' | 'priority' | 'channel' | 'customerTier' | 'policy' | 'assignee';

/** Filters of a list view: only clocks whose field is one of the values. */
interface ListFilters {
  readonly team?: readonly string[];
  readonly queue?: readonly string[];
  readonly priority?: readonly string[];
  readonly policy?: readonly string[];
  /** 1-1000; 100 when left out. */
  readonly limit?: number;
}

/** What a metrics or trend view reads. */
interface MetricQuery {
  /** One of the policy document's metric windows; its first when left out. */
  readonly window?: string;
  /** `all` when left out. */
  readonly dimension?: LiveDimension;
  /** Only these values of the dimension. */
  readonly values?: readonly string[];
}

/**
 * A view a client subscribes to, as it sends it: fields with a default may be left out
 * (the gateway fills them in, and validates everything: this type is what it accepts).
 */
export type LiveViewRequest =
  | (MetricQuery & { readonly kind: 'metrics' })
  | (MetricQuery & { readonly kind: 'trend' })
  | (ListFilters & {
      readonly kind: 'atRisk';
      /** Also the clocks paused after going at risk, after the running ones. */
      readonly paused?: boolean;
    })
  | (ListFilters & {
      readonly kind: 'breaches';
      /** 1-10080 (the week the breach list keeps); 1440 when left out. */
      readonly sinceMinutes?: number;
    })
  | (ListFilters & {
      readonly kind: 'followUps';
      /** 1-10080 (the week the follow-up list keeps); 10080 when left out. */
      readonly sinceMinutes?: number;
      /** Only surveys of this kind; both when left out. */
      readonly survey?: SurveyKind;
    });

/** A message a live client sends. `id` names the subscription (1-64 characters). */
export type LiveClientMessage =
  | { readonly type: 'subscribe'; readonly id: string; readonly view: LiveViewRequest }
  | { readonly type: 'unsubscribe'; readonly id: string };
