import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackReceiver } from '../src/delivery/slack-receiver.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

const endpoint = new LocalEndpoint();
let url: string;
beforeAll(async () => {
  url = await endpoint.listen('/services/T0/B0/x');
});
afterAll(() => endpoint.close());

const NOW = Date.parse('2026-11-23T09:27:00Z');
type Message = {
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
};
/** Every mrkdwn text of a message, and its fallback text. */
const texts = (m: Message): string[] => [
  m.text,
  ...m.blocks.flatMap((b) => [
    ...(b.text ? [b.text.text] : []),
    ...(b.elements ?? []).map((e) => e.text),
  ]),
];

/** A producer's ticket, team and policy written as Slack markup. */
const hostile = () =>
  breachNotification({
    ticketId: '<!channel> & <https://evil.example|pay here>',
    labels: {
      team: '<!here>',
      priority: 'urgent',
      policy: '<@U123>',
      clock: 'firstResponse',
      level: 'breach',
      customerTier: null,
    },
  });

describe('Slack messages of producers’ text', () => {
  for (const ticketUrl of ['https://help.example.com/t/{ticketId}', null])
    it(`escapes &, < and > in ticket ids, teams and policies (ticket link: ${ticketUrl ? 'yes' : 'no'})`, async () => {
      endpoint.got.length = 0;
      const r = slackReceiver({ url, ticketUrl, timeoutMs: 2000, now: () => NOW });
      await r.deliver(hostile());
      await r.deliverGroup!([hostile(), hostile()]);
      const [one, group] = endpoint.json<Message>();
      for (const text of [...texts(one!), ...texts(group!)]) {
        expect(text).not.toMatch(/<!|<@|<https:\/\/evil/);
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      const headline = one!.blocks[0]!.text!.text;
      expect(headline).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|pay here&gt;');
      if (ticketUrl)
        expect(headline).toContain(
          `<https://help.example.com/t/${encodeURIComponent('<!channel> & <https://evil.example|pay here>')}|`,
        );
      expect(texts(one!).join('\n')).toContain('*Team* &lt;!here&gt;');
      expect(texts(one!).join('\n')).toContain('*Policy* &lt;@U123&gt;');
      expect(texts(group!).join('\n')).toContain('for team &lt;!here&gt;');
    });
});
