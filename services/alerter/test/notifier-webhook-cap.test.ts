import { describe, expect, it } from 'vitest';
import { useNotifier, waitFor } from './notifier-fixture.js';

// The cap of a receiver that does not group (a webhook): at most ratePerMinute deliveries
// a period, a batch's included; the rest go out in the next period. 2 s periods here.
const PERIOD = 2000;
const f = useNotifier({
  receiver: 'hook',
  capPeriodMs: PERIOD,
  alertingYaml: `
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL, ratePerMinute: 3 }]
  route: { receivers: [hook] }
`,
});

describe('the cap of a webhook', () => {
  it('delivers at most the cap a period, and what it held back in the next ones', async () => {
    // Start just after a period begins, so the first three fall in one period.
    await new Promise((r) => setTimeout(r, PERIOD - (Date.now() % PERIOD) + 50));
    const start = Date.now();
    const sent = Array.from({ length: 7 }, () => f.notification());
    await f.queue.enqueue(sent, start);
    await waitFor('the first three', () => f.endpoint.got.length >= 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(f.endpoint.got).toHaveLength(3);
    await waitFor('all seven', () => f.endpoint.got.length >= 7, 10_000);
    const period = (at: number) => Math.floor(at / PERIOD);
    const perPeriod = new Map<number, number>();
    for (const g of f.endpoint.got)
      perPeriod.set(period(g.at), (perPeriod.get(period(g.at)) ?? 0) + 1);
    expect([...perPeriod.values()].every((n) => n <= 3)).toBe(true);
    expect(f.endpoint.got[3]!.at).toBeGreaterThanOrEqual((period(start) + 1) * PERIOD);
    const ids = f.endpoint.json<{ id: string }>().map((b) => b.id);
    expect(ids.sort()).toEqual(sent.map((n) => n.id).sort());
  }, 20_000);
});
