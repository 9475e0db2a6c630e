import { describe, expect, it } from 'vitest';
import { decodeEvent, validateEvent } from '../../src/index.js';
import { ev } from '../support/events.js';

const reasonOf = (input: unknown): string => {
  const r = validateEvent(input);
  if (r.ok) throw new Error('expected the event to be rejected');
  return r.reason;
};

describe('event validation against docs/events.md', () => {
  it('accepts every event type of the contract', () => {
    const valid = [
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.created', {
        priority: 'urgent',
        channel: 'email',
        tags: ['a'],
        attributes: { plan: 'gold', seats: 3, trial: false },
      }),
      ev('T-1', '2026-11-23T09:00:00+01:00', 'ticket.updated', { changes: { priority: 'low' } }),
      ev('T-1', '2026-11-23T09:00:00.250Z', 'ticket.assigned', { assigneeId: 'a-1', team: 'emea' }),
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.commented', { author: 'agent', public: true }),
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.status_changed', { status: 'on_hold' }),
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.escalated', { level: 2, toTeam: 'l2' }),
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.surveyed', { kind: 'nps', score: 0 }),
      ev('T-1', '2026-11-23T09:00:00Z', 'ticket.deleted'),
    ];
    for (const e of valid) expect(validateEvent(e)).toMatchObject({ ok: true });
  });

  it('names the field and the rule for a bad enum value', () => {
    expect(
      reasonOf(
        ev('T', '2026-11-23T09:00:00Z', 'ticket.created', { priority: 'p1', channel: 'email' }),
      ),
    ).toBe('data.priority: must be one of urgent, high, normal, low');
  });

  it('reports every problem of an event, envelope and data alike', () => {
    const bad = {
      specversion: '0.3',
      id: '',
      source: 's',
      type: 'ticket.created',
      subject: 'T',
      time: 'yesterday',
      data: { channel: 'fax' },
    };
    const r = validateEvent(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual([
      'data.channel',
      'data.priority',
      'id',
      'specversion',
      'time',
    ]);
    expect(r.reason).toContain('specversion: must be "1.0"');
    expect(r.reason).toContain('data.priority: is required');
    expect(r.reason).toContain('time: must be an RFC 3339 timestamp');
  });

  it('rejects an unknown type naming the allowed ones', () => {
    expect(reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.merged' as never))).toMatch(
      /^type: must be one of ticket\.created, /,
    );
  });

  it('rejects impossible timestamps and ones without an offset', () => {
    expect(reasonOf(ev('T', '2026-02-30T09:00:00Z', 'ticket.deleted'))).toMatch(/^time: /);
    expect(reasonOf(ev('T', '2026-11-23T09:00:00', 'ticket.deleted'))).toMatch(/^time: /);
  });

  it('checks survey score ranges per kind', () => {
    expect(
      reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.surveyed', { kind: 'csat', score: 0 })),
    ).toBe('data.score: must be an integer from 1 to 5 for a csat survey, got 0');
    expect(
      reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.surveyed', { kind: 'nps', score: 11 })),
    ).toContain('from 0 to 10');
    expect(
      reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.surveyed', { kind: 'nps', score: 7.5 })),
    ).toMatch(/^data\.score: must be an int/);
  });

  it('rejects an update that changes nothing and duplicate tags', () => {
    expect(reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.updated', { changes: {} }))).toBe(
      'data.changes: must change at least one field',
    );
    expect(
      reasonOf(
        ev('T', '2026-11-23T09:00:00Z', 'ticket.updated', { changes: { tags: ['a', 'a'] } }),
      ),
    ).toBe('data.changes.tags[1]: duplicate tag "a"');
  });

  it('requires comment author and visibility', () => {
    expect(reasonOf(ev('T', '2026-11-23T09:00:00Z', 'ticket.commented', { author: 'bot' }))).toBe(
      'data.author: must be one of agent, customer, system; data.public: is required',
    );
  });

  it('rejects what is not an object, and non-JSON text', () => {
    expect(reasonOf([1, 2])).toBe('an event must be a JSON object');
    const r = decodeEvent('{"specversion":');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^not valid JSON: /);
  });
});
