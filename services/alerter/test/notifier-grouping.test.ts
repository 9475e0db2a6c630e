import { describe, expect, it } from 'vitest';
import type { Notification } from '@slawatch/core';
import { NotificationLog } from '@slawatch/store';
import { useNotifier, waitFor } from './notifier-fixture.js';

// Grouping (issue 7): one team's alerts within the window reach people as one message.
const f = useNotifier({
  receiver: 'chat',
  alertingYaml: `
  groupWindow: 1s
  receivers: [{ id: chat, type: slack, urlEnv: RECEIVER_URL, ratePerMinute: 100000 }]
  route: { receivers: [chat] }
`,
});
type Message = {
  text: string;
  blocks: { text?: { text: string }; elements?: { text: string }[] }[];
};
// Just after a window begins, so a burst falls in one window.
const windowStart = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
const forTeam = (team: string | null, level: 'breach' | 'at_risk' = 'breach'): Notification => {
  const n = f.notification();
  return { ...n, labels: { ...n.labels, team, level } };
};

describe('grouping alerts for people', () => {
  it('sends one team’s alerts of a window as one message, summing up past the first ten', async () => {
    const emea = [
      ...Array.from({ length: 11 }, () => forTeam('emea')),
      ...Array.from({ length: 2 }, () => forTeam('emea', 'at_risk')),
    ];
    const us = forTeam('us');
    await windowStart();
    await f.queue.enqueue([...emea, us], Date.now());
    await waitFor('two messages', () => f.endpoint.got.length >= 2);
    await new Promise((r) => setTimeout(r, 1500)); // nothing more comes for them
    const messages = f.endpoint.json<Message>();
    expect(messages).toHaveLength(2);
    const digest = messages.find((m) => m.text.includes('team emea'))!;
    expect(digest.text).toBe(
      ':rotating_light: 13 SLA alerts for team emea: 11 breaches, 2 at-risk alerts',
    );
    expect(digest.blocks[1]!.text!.text.split('\n')).toHaveLength(10);
    expect(digest.blocks[2]!.elements![0]!.text).toBe('and 3 more: 3 breaches');
    // A team with a single alert gets the ordinary message.
    const single = messages.find((m) => !m.text.includes('team emea'))!;
    expect(single.text).toBe(`:rotating_light: Breached: First response SLA of ${us.ticketId}`);
    // Every alert is recorded delivered, each once.
    const recorded = await new NotificationLog(f.redis, f.keys).recent(100);
    expect(
      recorded
        .filter((r) => r.outcome === 'delivered')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...emea, us].map((n) => n.id).sort());
  });

  it('keeps alerts waiting when the grouped send fails, and sends them all on its retry', async () => {
    f.endpoint.got.length = 0;
    f.endpoint.answers = [503];
    await windowStart();
    await f.queue.enqueue([forTeam('apac'), forTeam('apac')], Date.now());
    await waitFor('the retry', () => f.endpoint.got.length >= 2);
    const [failed, retried] = f.endpoint.json<Message>();
    expect(retried).toEqual(failed);
    expect(retried!.text).toContain('2 SLA alerts for team apac');
  });
});
