import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ImportProgress,
  progressBar,
  progressLine,
  terminalProgress,
} from '../src/import/import-progress.js';
import { parseZendeskExport } from '../src/import/zendesk-export-file.js';
import { ZendeskMapper } from '../src/import/zendesk-mapping.js';
import {
  expectedEvents,
  expectValid,
  fixture,
  pages,
  readJson,
} from './zendesk-export-fixtures.js';

describe('mapping Zendesk ticket events (pure)', () => {
  it('maps the export pages to the expected contract events, each valid', () => {
    const mapper = new ZendeskMapper('zendesk/acme');
    // Each page repeats the updates of the second it starts at; the command skips them.
    const seen = new Set<unknown>();
    const fresh = pages
      .flatMap((p) => p.ticket_events)
      .filter((e) => !seen.has((e as { id: unknown }).id) && seen.add((e as { id: unknown }).id));
    const { events, skipped } = mapper.mapAll(fresh);
    expect(events).toEqual(expectedEvents());
    expectValid(events);
    expect(skipped.map((s) => s.zendeskId)).toEqual(['9007', '9025']);
    expect(skipped[0]?.reason).toContain('opening comment');
    expect(Object.fromEntries(mapper.tickets)).toEqual({
      '101': { r: '5001', g: '360001' },
      '102': { r: '5002', g: '360002' },
      '103': { r: '5003', g: '360001' },
    });
  });

  const edge = readJson('edge-cases.json') as unknown[];
  const mapper = new ZendeskMapper('zendesk/acme');
  const outcomes = edge.map((e) => mapper.map(e));
  // prettier-ignore
  const rows: [string, number, [string, string, unknown][], string[]][] = [
    ['a creation with a via name, an unknown status, upper-case priority and tags as text', 0,
      [['9101', 'ticket.created', {
        priority: 'high', channel: 'phone', assigneeId: '7001', requesterId: '6001', tags: ['a', 'b'],
      }]], []],
    ['an unknown status, a cleared priority, group and assignee', 1,
      [['9112', 'ticket.updated', { changes: { priority: 'normal' } }]],
      ['status "archived" maps to no contract status', 'left its group', 'unassigned']],
    ['a comment without the sideload: a flag on a change, written by the updater', 2,
      [['9122', 'ticket.status_changed', { status: 'open' }],
       ['9122-comment', 'ticket.commented', { author: 'customer', public: true, authorId: '6001' }]], []],
    ['a new requester, then a voice comment of theirs', 3,
      [['9132', 'ticket.commented', { author: 'customer', public: true, authorId: '6002' }]], []],
    ['a comment on a ticket created before the import (requester unknown)', 4,
      [['9141', 'ticket.commented', { author: 'customer', public: true, authorId: '7009' }]], []],
    ['closing, and a change of a field slawatch does not read', 5,
      [['9151', 'ticket.status_changed', { status: 'closed' }]], []],
    ['something that is not a ticket event', 6, [], ['not a Zendesk ticket event']],
  ];
  it.each(rows)('%s', (_name, index, expected, reasons) => {
    const outcome = outcomes[index]!;
    expect(outcome.events.map((e) => [e.id, e.type, e.data])).toEqual(expected);
    expectValid(outcome.events);
    expect(outcome.skipped).toHaveLength(reasons.length);
    reasons.forEach((reason, i) => expect(outcome.skipped[i]?.reason).toContain(reason));
  });

  it('reads a page, an array of pages, an array of events and NDJSON alike', () => {
    const events = pages.flatMap((p) => p.ticket_events);
    expect(parseZendeskExport(JSON.stringify(pages[0]))).toEqual(pages[0]!.ticket_events);
    expect(parseZendeskExport(JSON.stringify(pages))).toEqual(events);
    expect(parseZendeskExport(JSON.stringify(events))).toEqual(events);
    expect(parseZendeskExport(readFileSync(fixture('export.ndjson'), 'utf8'))).toEqual(events);
    expect(() => parseZendeskExport('{"a":\n{')).toThrow(/neither JSON nor NDJSON: line 1/);
  });

  it('draws a bar redrawn in place on a terminal, and ends its line before any message', () => {
    expect(progressBar(0.25, 8)).toBe('[##------]');
    expect(progressBar(1.5, 4)).toBe('[####]');
    let written = '';
    const terminal = terminalProgress({ write: (text: string) => (written += text) });
    const from = Date.parse('2026-11-30T00:00:00Z');
    let now = from + 4 * 3_600_000;
    const progress = new ImportProgress(from, terminal, () => now);
    progress.report({ pages: 1, events: 10, tickets: 2, reached: from + 3_600_000 });
    now += 2_000;
    progress.report({ pages: 2, events: 20, tickets: 3, reached: from + 2 * 3_600_000 });
    terminal.line('slawatch import zendesk: 429: waiting 1 s');
    // The terminal's erase-to-end-of-line, named, so the patterns need no control characters.
    const shown = written.replaceAll('\u001b[K', '<EL>');
    expect(shown.split('\r').slice(1)).toEqual([
      expect.stringMatching(/^\[#{6}-{18}\] 1 pages, 10 events, 2 tickets; .*<EL>$/) as unknown,
      expect.stringMatching(
        /^\[#{12}-{12}\] 2 pages, 20 events, 3 tickets; .*<EL>\nslawatch import zendesk: 429: waiting 1 s\n$/,
      ) as unknown,
    ]);
  });

  it('estimates the time left from the pace so far', () => {
    const from = Date.parse('2026-11-30T00:00:00Z');
    const now = from + 10 * 3_600_000;
    const line = progressLine(
      { pages: 4, events: 900, tickets: 120, reached: from + 2.5 * 3_600_000 },
      from,
      now - 30_000,
      now,
    );
    expect(line).toBe(
      '4 pages, 900 events, 120 tickets; reached 2026-11-30T02:30:00Z (25%), about 1 min 30 s left',
    );
  });
});
