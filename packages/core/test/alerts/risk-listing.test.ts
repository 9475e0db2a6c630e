import { describe, expect, it } from 'vitest';
import { advanceTicket, riskListing } from '../../src/index.js';
import { accept } from '../support/events.js';
import { created, status, update } from '../support/builders.js';
import { instant, policiesFrom } from '../support/engine.js';
import { t } from '../support/test-policies.js';

// Resolution (the clock that pauses) of 15 minutes, warned at half; urgent tickets get 10.
const P = policiesFrom(`
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { resolution: 10m }
    warnAt: [0.5]
  - id: normal
    targets: { resolution: 15m }
    warnAt: [0.5]
`);

const opened = created(t('09:00'), { priority: 'normal' });

/** The ticket advanced to `when` with its marks, and its listings then. */
function listing(events: Record<string, unknown>[], when: string, marks: string[] = []) {
  const a = advanceTicket('T', { history: [], marks }, accept(events), instant(when), P);
  return { marks: a.marks, listed: riskListing(a.state, instant(when), P, a.marks) };
}

describe('the at-risk lists follow the state of clocks that went at risk', () => {
  it('lists nothing for a ticket that never went at risk', () => {
    expect(listing([opened], t('09:05')).listed).toEqual([]);
  });

  it('lists a running clock past its threshold with its deadline', () => {
    expect(listing([opened], t('09:08')).listed).toEqual([
      { clock: 'resolution', cycle: 1, state: 'running', deadline: instant(t('09:15')) },
    ]);
  });

  it('keeps a paused clock listed as paused with the business time it has left, then running again with its new deadline', () => {
    const warned = listing([opened], t('09:08'));
    const events = [opened, status(t('09:10'), 'pending')];
    const paused = listing(events, t('09:20'), warned.marks);
    expect(paused.listed).toEqual([
      { clock: 'resolution', cycle: 1, state: 'paused', remainingMs: 5 * 60_000 },
    ]);
    // The pause resolved the alert; the listing still follows the clock when it runs again.
    const resumed = listing([...events, status(t('09:30'), 'open')], t('09:31'), paused.marks);
    expect(resumed.listed).toEqual([
      { clock: 'resolution', cycle: 1, state: 'running', deadline: instant(t('09:35')) },
    ]);
  });

  it('moves the deadline when the policy changes, and takes the clock off once solved or breached', () => {
    const warned = listing([opened], t('09:08'));
    const urgent = [opened, update(t('09:08'), { priority: 'urgent' })];
    expect(listing(urgent, t('09:08'), warned.marks).listed).toEqual([
      { clock: 'resolution', cycle: 1, state: 'running', deadline: instant(t('09:10')) },
    ]);
    const solved = [opened, status(t('09:09'), 'solved')];
    expect(listing(solved, t('09:09'), warned.marks).listed).toEqual([
      { clock: 'resolution', cycle: 1, state: null },
    ]);
    expect(listing([opened], t('09:16'), warned.marks).listed).toEqual([
      { clock: 'resolution', cycle: 1, state: null },
    ]);
  });
});
