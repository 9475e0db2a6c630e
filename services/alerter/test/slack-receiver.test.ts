import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../src/delivery/delivery-error.js';
import { slackReceiver } from '../src/delivery/slack-receiver.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

// Slack's incoming webhook answers 200 "ok", 400/403/404 for a bad payload or URL.
const endpoint = new LocalEndpoint();
let url: string;
beforeAll(async () => {
  url = await endpoint.listen('/services/T0/B0/x');
});
afterAll(() => endpoint.close());

const NOW = Date.parse('2026-11-23T09:27:00Z');
const receiver = () =>
  slackReceiver({
    url,
    ticketUrl: 'https://help.example.com/t/{ticketId}',
    timeoutMs: 2000,
    now: () => NOW,
  });
type Message = {
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
};

describe('Slack receiver', () => {
  it('posts readable blocks: the ticket linked, the clock, how late, the facts', async () => {
    const breach = breachNotification();
    await receiver().deliver(breach);
    const m = endpoint.json<Message>().at(-1)!;
    expect(m.blocks[0]!.text!.text).toBe(
      `:rotating_light: Breached: First response SLA of <https://help.example.com/t/${breach.ticketId}|${breach.ticketId}>`,
    );
    expect(m.text).toBe(`:rotating_light: Breached: First response SLA of ${breach.ticketId}`);
    expect(m.blocks[1]!.elements!.map((e) => e.text)).toEqual([
      '*Priority* urgent',
      '*Team* emea',
      '*Policy* gold',
      '*Deadline* 2026-11-23T09:15:00Z (late by 12m)',
    ]);
  });

  it('says how long is left for an at-risk alert, and when the alert is resolved', async () => {
    const n = breachNotification({ deadline: Date.parse('2026-11-23T09:32:00Z') });
    await receiver().deliver({ ...n, labels: { ...n.labels, level: 'at_risk' } });
    await receiver().deliver({ ...n, action: 'resolve' });
    const [risk, resolved] = endpoint.json<Message>().slice(-2);
    expect(risk!.text).toBe(`:warning: At risk: First response SLA of ${n.ticketId} (5m left)`);
    expect(resolved!.text).toBe(`:white_check_mark: Resolved: First response SLA of ${n.ticketId}`);
  });

  it('gives up on a URL Slack refuses, and retries when Slack is busy', async () => {
    endpoint.answers = [404];
    await expect(receiver().deliver(breachNotification())).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    endpoint.answers = [429];
    await expect(receiver().deliver(breachNotification())).rejects.not.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });
});
