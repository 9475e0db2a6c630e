import { parsePolicyDocument } from '@slawatch/core';
import { buildGateway, KafkaEventSink, TokenStore } from '@slawatch/gateway';
import { createStoreAdapters, DeltaSubscriber, ExporterLease } from '@slawatch/store';
import type { Pipeline } from './pipeline.js';

export interface IngestGateway {
  readonly app: Awaited<ReturnType<typeof buildGateway>>;
  close(): Promise<void>;
}

/**
 * A gateway in front of a pipeline's events topic and Redis, as `run gateway` builds one,
 * with one ingest-only token: how events come in over HTTP (and `helpdesks`' webhooks).
 */
export async function ingestGateway(
  p: Pipeline,
  policiesYaml: string,
  token: string,
  helpdesks?: Parameters<typeof buildGateway>[0]['helpdesks'],
): Promise<IngestGateway> {
  const loaded = parsePolicyDocument(policiesYaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const sink = new KafkaEventSink(p.kafka, p.topics.events);
  const app = await buildGateway({
    deps: {
      ...createStoreAdapters(p.redis, p.keys, p.policies, { retentionMs: 7 * 86_400_000 }),
      deltas: new DeltaSubscriber(p.redis, p.keys),
      tokens: new TokenStore(p.redis, p.keys.tokens, [
        { name: 'producer', secret: token, scopes: ['ingest'] },
      ]),
      policies: p.policies,
      policyDocument: loaded.document,
      readiness: [],
      exporterLease: new ExporterLease(p.redis, p.keys.exporterLease),
      events: sink,
      now: Date.now,
    },
    ...(helpdesks ? { helpdesks } : {}),
  });
  return {
    app,
    async close() {
      await app.close();
      await sink.close();
    },
  };
}
