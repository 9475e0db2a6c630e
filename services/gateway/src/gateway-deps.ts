import type { PolicyDocument, PolicySet } from '@slawatch/core';
import type { LiveLists, MetricWindows, TicketStore } from '@slawatch/store';
import type { TokenStore } from './auth/token-store.js';

/** A dependency `/readyz` checks (Kafka, Redis): resolves when reachable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** What the routes read from; built by the composition root (or a test). */
export interface GatewayDeps {
  readonly store: TicketStore;
  readonly metrics: MetricWindows;
  readonly lists: LiveLists;
  readonly tokens: TokenStore;
  readonly policies: PolicySet;
  readonly policyDocument: PolicyDocument;
  readonly readiness: readonly ReadinessCheck[];
  readonly now: () => number;
}
