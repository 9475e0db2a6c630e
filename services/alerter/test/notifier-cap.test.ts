import { describe, expect, it } from 'vitest';
import type { Notification } from '@slawatch/core';
import { useNotifier, waitFor } from './notifier-fixture.js';

// The cap (issue 7): at most ratePerMinute messages a period; what it held back goes out
// in the next period, grouped. The period is shortened from a minute to 3 s here.
const PERIOD = 3000;
const f = useNotifier({
  receiver: 'chat',
  capPeriodMs: PERIOD,
  alertingYaml: `
  groupWindow: 1s
  receivers: [{ id: chat, type: slack, urlEnv: RECEIVER_URL, ratePerMinute: 2 }]
  route: { receivers: [chat] }
`,
});
const forTeam = (team: string): Notification => {
  const n = f.notification();
  return { ...n, labels: { ...n.labels, team } };
};

describe('the per-receiver cap', () => {
  it('sends at most the cap a period, and what it held back in the next one, grouped', async () => {
    // Start just after a period begins, so the whole burst falls in one period.
    await new Promise((r) => setTimeout(r, PERIOD - (Date.now() % PERIOD) + 50));
    const start = Date.now();
    const sent = ['a', 'b', 'c', 'd'].flatMap((team) => [forTeam(team), forTeam(team)]);
    await f.queue.enqueue(sent, Date.now());
    await waitFor('the first two', () => f.endpoint.got.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(f.endpoint.got).toHaveLength(2);
    await waitFor('the held back', () => f.endpoint.got.length >= 4);
    // Held back to the next period, then each team's two alerts as one message.
    expect(f.endpoint.got[2]!.at).toBeGreaterThanOrEqual(start - 50 + PERIOD - (start % PERIOD));
    const texts = f.endpoint.json<{ text: string }>().map((m) => m.text);
    for (const t of texts)
      expect(t).toMatch(/^:rotating_light: 2 SLA alerts for team [abcd]: 2 breaches$/);
    expect(new Set(texts).size).toBe(4);
  }, 20_000);
});
