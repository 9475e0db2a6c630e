import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptEvent, DEFAULT_MAX_FUTURE_MS, utf8Length } from '../../src/contract/accept-event.js';

// acceptEvent is the tracker's message rules for an event already parsed (the HTTP
// ingest): the contract, then the size of its JSON text, then how far ahead it lies.

const NOW = Date.parse('2026-11-23T12:00:00Z');
const limits = { maxEventBytes: 400, maxFutureMs: DEFAULT_MAX_FUTURE_MS };
const created = (overrides: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: 'e-1',
  source: 'helpdesk',
  type: 'ticket.created',
  subject: 'T-1',
  time: '2026-11-23T09:00:00Z',
  data: { priority: 'urgent', channel: 'email' },
  ...overrides,
});

describe('acceptEvent', () => {
  it('accepts a valid event and gives its JSON text, unknown fields kept, as the message', () => {
    const event = created({ extension: 'kept' });
    const r = acceptEvent(event, limits, NOW);
    expect(r.ok && JSON.parse(r.text)).toEqual(event);
  });

  it('lists every contract problem by its path within the event', () => {
    const r = acceptEvent(
      created({ id: 7, data: { priority: 'panic', channel: 'email' } }),
      limits,
      NOW,
    );
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['id', 'data.priority']);
  });

  it('refuses an event whose JSON text is over maxEventBytes, counted in UTF-8 bytes', () => {
    // 'é' is 2 bytes: 100 of them fit in 400 bytes as characters, not as bytes.
    const event = created({ data: { priority: 'low', channel: 'web', team: 'é'.repeat(150) } });
    expect(JSON.stringify(event).length).toBeLessThan(400);
    const r = acceptEvent(event, limits, NOW);
    expect(r.ok ? null : r.problems).toEqual([
      {
        path: '',
        message: expect.stringMatching(/^event of \d+ bytes is over the 400-byte limit/) as unknown,
      },
    ]);
  });

  it('refuses an event more than maxFutureMs ahead of now, at its time field; 0 turns that off', () => {
    const ahead = created({ time: new Date(NOW + DEFAULT_MAX_FUTURE_MS + 1_000).toISOString() });
    const r = acceptEvent(ahead, limits, NOW);
    expect(r.ok ? null : r.problems.map((p) => p.path)).toEqual(['time']);
    expect(acceptEvent(ahead, { ...limits, maxFutureMs: 0 }, NOW).ok).toBe(true);
  });
});

describe('utf8Length', () => {
  it('equals Buffer.byteLength for any text, surrogate pairs and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
    expect(utf8Length('\ud83d')).toBe(Buffer.byteLength('\ud83d'));
  });
});
