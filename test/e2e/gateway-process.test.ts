import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { freePort, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { startService, waitForOutput } from './support/service-process.js';

const ADMIN = 'operator-secret-0123456789';

describe('slawatch run gateway', () => {
  it('serves health, readiness, the token-guarded API, /metrics and the live stream, logs no secret, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-gw-'));
    const policyFile = join(dir, 'policies.yaml');
    writeFileSync(policyFile, 'policies:\n  - id: all\n    targets: { firstResponse: 1h }\n');
    const port = await freePort();
    const p = startService('gateway', {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: policyFile,
      SLAWATCH_TOPIC: uniqueTopic('gw-events'),
      SLAWATCH_GROUP_ID: uniqueGroupId('gw'),
      SLAWATCH_KEY_PREFIX: `gw-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_ADMIN_TOKEN: ADMIN,
      SLAWATCH_LOG_LEVEL: 'debug',
    });
    let live: WebSocket | undefined;
    let closed: Promise<number> = Promise.resolve(0);
    try {
      await waitForOutput(p, 'gateway listening', 15_000);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/api/v1/policies`)).status).toBe(401);
      const policies = await fetch(`${base}/api/v1/policies`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(policies.status).toBe(200);
      expect(await policies.json()).toMatchObject({ policies: [{ id: 'all' }] });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^slawatch_sla_exporter 1$/m);
      // A browser's way in: the token in the query string, which the log must not show.
      live = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live?access_token=${ADMIN}`);
      const snapshot = new Promise<{ type: string; id: string }>((resolve) =>
        live!.once('message', (data: Buffer) =>
          resolve(JSON.parse(data.toString()) as { type: string; id: string }),
        ),
      );
      await new Promise((resolve, reject) => live!.once('open', resolve).once('error', reject));
      closed = new Promise((resolve) => live!.once('close', (code: number) => resolve(code)));
      live.send(JSON.stringify({ type: 'subscribe', id: 'b', view: { kind: 'breaches' } }));
      expect(await snapshot).toMatchObject({ type: 'snapshot', id: 'b' });
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toEqual({ code: 0, signal: null });
    // Told to reconnect elsewhere, not cut off.
    expect(await closed).toBe(1001);
    expect(p.output()).not.toContain(ADMIN);
  });
});
