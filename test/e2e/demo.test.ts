import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, withTimeout } from '../harness/index.js';
import { waitUntil } from './support/wait-until.js';

const bootstrap = fileURLToPath(new URL('../../demo/bootstrap.mjs', import.meta.url));

interface Metrics {
  values: Record<string, { volume: { created: number } }>;
}

describe('npm run demo', () => {
  it('starts everything, shows traffic with at-risk tickets and breaches within a minute, and stops it all on Ctrl-C', async () => {
    const port = await freePort();
    // The suite built everything already, and other tests serve the wallboard's files.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_DEMO_BUILD: '0',
    };
    for (const name of ['SLAWATCH_REDIS_URL', 'SLAWATCH_KAFKA_BROKERS', 'SLAWATCH_ADMIN_TOKEN'])
      delete env[name];
    const child = spawn(process.execPath, [bootstrap], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const started = Date.now();
    try {
      await waitUntil(() => out.includes('slawatch is running.'), 120_000, `the demo:\n${out}`);
      // Progress was shown on the way.
      expect(out).toMatch(/\[1\/5\] Redis … done/);
      expect(out).toMatch(/\[4\/5\] traffic simulator/);
      const link = /wallboard +(http:\/\/\S+)\/#token=(\S+)/.exec(out)!;
      const [, base, token] = link;
      expect(base).toBe(`http://127.0.0.1:${port}`);
      const api = async <T>(path: string): Promise<T> => {
        const res = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, path).toBe(200);
        return (await res.json()) as T;
      };
      expect(await api('/api/v1/session')).toMatchObject({ scopes: ['admin'] });
      expect((await fetch(`${base}/`)).status).toBe(200);

      // Within the first minute: tickets flowing, clocks at risk, breaches.
      const created = async () =>
        (await api<Metrics>('/api/v1/metrics?window=15m')).values['*']?.volume.created ?? 0;
      const first = await created();
      await waitUntil(
        async () =>
          (await api<{ clocks: unknown[] }>('/api/v1/at-risk')).clocks.length > 0 &&
          (await api<{ breaches: unknown[] }>('/api/v1/breaches')).breaches.length > 0,
        Math.max(1000, 60_000 - (Date.now() - started)),
        'at-risk clocks and breaches',
      );
      await waitUntil(async () => (await created()) > first, 15_000, 'the numbers to move');
    } finally {
      child.kill('SIGINT');
    }
    expect(await withTimeout(exited, 60_000, 'the demo to stop')).toBe(0);
    expect(out).toMatch(/slawatch services stopped[\s\S]*Redis stopped/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
