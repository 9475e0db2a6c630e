import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { startService, waitForOutput } from './support/service-process.js';

const ADMIN = 'operator-secret-0123456789';

describe('slawatch run gateway', () => {
  it('serves health, readiness and the token-guarded API, logs no secret, and stops on SIGTERM', async () => {
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
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.output()).not.toContain(ADMIN);
  });
});
