import { describe, expect, it } from 'vitest';
import { decodeEvent, MAX_EVENT_DEPTH, validateEvent } from '../../src/index.js';
import { ev } from '../support/events.js';

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const updated = () =>
  ev('T-1', '2026-11-23T09:00:00Z', 'ticket.updated', { changes: { team: 't' } });

describe('the nesting limit of events', () => {
  it('rejects an extension nested thousands of levels deep, naming the field, where JSON.stringify would overflow the stack', () => {
    const text = `${JSON.stringify(updated()).slice(0, -1)},"ext":${nested(30_000)}}`;
    const result = decodeEvent(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(
      `ext: nested deeper than ${MAX_EVENT_DEPTH} levels of objects and arrays (the event being level 1)`,
    );
  });

  it('accepts nesting up to the limit and rejects one level more, in data.changes too', () => {
    // The event is level 1, data 2, changes 3: "more" holds the rest.
    const withChanges = (depth: number) =>
      validateEvent({
        ...updated(),
        data: { changes: { team: 't', more: JSON.parse(nested(depth)) as unknown } },
      });
    expect(withChanges(MAX_EVENT_DEPTH - 3).ok).toBe(true);
    const over = withChanges(MAX_EVENT_DEPTH - 2);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.reason).toMatch(/^data: nested deeper than 32 levels/);
  });
});
