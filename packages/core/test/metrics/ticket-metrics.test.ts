import { describe, expect, it } from 'vitest';
import { foldTicket, ticketMetrics, type MetricFact } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { agent, created, customer, status } from '../support/builders.js';
import { instant } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// One or more tests per rule of docs/metrics.md, "The metrics".
const metricsOf = (events: readonly Record<string, unknown>[], at = t('23:00')) =>
  ticketMetrics(foldTicket('T', accept(events), P, instant(at)), instant(at), P);
const facts = (events: readonly Record<string, unknown>[], at?: string) =>
  metricsOf(events, at).facts;
const only = (fs: readonly MetricFact[], code: string) => fs.filter((f) => f.code === code);
const min = 60_000;

describe('ticket metric contributions', () => {
  it('first response time: created to the first public agent comment, wall-clock', () => {
    const fs = facts([
      created(t('09:00')),
      agent(t('09:05'), false),
      agent(t('09:10')),
      agent(t('09:20')),
    ]);
    expect(only(fs, 'fr')).toEqual([{ code: 'fr', at: instant(t('09:10')), value: 10 * min }]);
  });

  it('next response time: customer comment to the next public agent comment, per cycle; a solve is no response', () => {
    const fs = facts([
      created(t('09:00')),
      agent(t('09:05')),
      customer(t('10:00')),
      customer(t('10:10')), // the cycle runs from the oldest unanswered comment
      agent(t('10:30')),
      customer(t('11:00')),
      status(t('11:30'), 'solved'),
    ]);
    expect(only(fs, 'nr')).toEqual([{ code: 'nr', at: instant(t('10:30')), value: 30 * min }]);
  });

  it('resolution time: created to the last solve, only while solved or closed', () => {
    const events = [
      created(t('09:00')),
      status(t('10:00'), 'solved'),
      status(t('11:00'), 'open'),
      status(t('12:00'), 'solved'),
    ];
    expect(only(facts(events), 'rs')).toEqual([
      { code: 'rs', at: instant(t('12:00')), value: 3 * 60 * min },
    ]);
    expect(only(facts(events), 'sv')).toHaveLength(1);
    // Reopened and not solved again: no resolution, no solved ticket.
    expect(only(facts(events.slice(0, 3)), 'rs')).toEqual([]);
    expect(only(facts(events.slice(0, 3)), 'sv')).toEqual([]);
  });

  it('reopen rate counts every solve and every reopen at its instant', () => {
    const fs = facts([
      created(t('09:00')),
      status(t('10:00'), 'solved'),
      status(t('11:00'), 'open'),
      status(t('12:00'), 'closed'),
    ]);
    expect(only(fs, 'so').map((f) => f.at)).toEqual([instant(t('10:00')), instant(t('12:00'))]);
    expect(only(fs, 'ro').map((f) => f.at)).toEqual([instant(t('11:00'))]);
  });

  it('first contact resolution: solved with exactly one public agent comment and never reopened', () => {
    expect(
      only(facts([created(t('09:00')), agent(t('09:10')), status(t('09:20'), 'solved')]), 'fc'),
    ).toHaveLength(1);
    expect(
      only(
        facts([
          created(t('09:00')),
          agent(t('09:10')),
          agent(t('09:15')),
          status(t('09:20'), 'solved'),
        ]),
        'fc',
      ),
    ).toEqual([]);
    expect(
      only(
        facts([
          created(t('09:00')),
          agent(t('09:10')),
          status(t('09:20'), 'solved'),
          status(t('09:30'), 'open'),
          status(t('09:40'), 'solved'),
        ]),
        'fc',
      ),
    ).toEqual([]);
  });

  it('SLA attainment: met at the stop, breached at the breach instant, only for targeted clocks', () => {
    // urgent: first response 15m (met at 09:10), resolution 2h (breached at 11:00, still running).
    const fs = facts([created(t('09:00')), agent(t('09:10'))], t('12:00'));
    expect(only(fs, 'mf')).toEqual([{ code: 'mf', at: instant(t('09:10')) }]);
    expect(only(fs, 'br')).toEqual([{ code: 'br', at: instant(t('11:00')) }]);
    // low-resolution-only: no first-response target, so no first-response outcome.
    const low = facts([created(t('09:00'), { priority: 'low' }), agent(t('09:10'))], t('09:20'));
    expect(only(low, 'mf')).toEqual([]);
    expect(only(low, 'fr')).toHaveLength(1);
  });

  it('tickets without a policy count everywhere except the SLA figures', () => {
    const m = metricsOf([
      created(t('09:00'), { priority: 'normal' }),
      agent(t('09:10')),
      status(t('09:20'), 'solved'),
    ]);
    expect(m.dims[6]).toBe('-');
    expect(m.facts.map((f) => f.code).sort()).toEqual(['c', 'fc', 'fr', 'rp', 'rs', 'so', 'sv']);
  });

  it('at risk (now), open breached (now) and backlog (now) are gauges as of now', () => {
    const events = [created(t('09:00')), status(t('09:01'), 'open')];
    // 09:09: first response past 0.5 of 15m; resolution not yet at 0.5 of 2h.
    expect(metricsOf(events, t('09:09')).gauges).toEqual(['go', 'ga']);
    // 09:20: first response breached and still running.
    expect(metricsOf(events, t('09:20')).gauges).toEqual(['go', 'gb']);
    expect(metricsOf([...events, status(t('09:30'), 'solved')], t('09:40')).gauges).toEqual([]);
  });

  it('escalation: the first escalation, with the time from creation', () => {
    const fs = facts([
      created(t('09:00')),
      ev('T', t('09:30'), 'ticket.escalated', { level: 1 }),
      ev('T', t('10:00'), 'ticket.escalated', { level: 2 }),
    ]);
    expect(only(fs, 'es')).toEqual([{ code: 'es', at: instant(t('09:30')), value: 30 * min }]);
  });

  it('CSAT counts 4 and 5 as satisfied; NPS sorts promoters (9-10) and detractors (0-6)', () => {
    const survey = (time: string, kind: string, score: number) =>
      ev('T', time, 'ticket.surveyed', { kind, score });
    const fs = facts([
      created(t('09:00')),
      survey(t('10:00'), 'csat', 4),
      survey(t('10:01'), 'csat', 3),
      survey(t('10:02'), 'nps', 9),
      survey(t('10:03'), 'nps', 7),
      survey(t('10:04'), 'nps', 6),
    ]);
    expect(only(fs, 'cs').map((f) => ('value' in f ? f.value : null))).toEqual([4, 3]);
    expect(only(fs, 'cp')).toHaveLength(1);
    expect(only(fs, 'pp')).toHaveLength(1);
    expect(only(fs, 'pd')).toHaveLength(1);
  });

  it('surveys still count after the ticket is closed', () => {
    const fs = facts([
      created(t('09:00')),
      status(t('09:30'), 'closed'),
      ev('T', t('10:00'), 'ticket.surveyed', { kind: 'csat', score: 5 }),
    ]);
    expect(only(fs, 'cs')).toHaveLength(1);
  });

  it('deleted tickets leave every metric', () => {
    const m = metricsOf([
      created(t('09:00')),
      agent(t('09:10')),
      ev('T', t('09:20'), 'ticket.deleted'),
    ]);
    expect(m).toEqual({ dims: [], facts: [], gauges: [], contact: null });
  });

  it('dimension values are the ticket’s current ones; the contact is its requester and category', () => {
    const m = metricsOf([
      created(t('09:00'), {
        team: 'emea',
        queue: 'billing',
        customerTier: 'vip',
        requesterId: 'r1',
        category: 'login',
      }),
      ev('T', t('09:05'), 'ticket.assigned', { assigneeId: 'ana', team: 'us' }),
    ]);
    // The last is the team and agent pair of the agents view (team-agent.ts).
    expect(m.dims).toEqual([
      '*',
      'us',
      'billing',
      'urgent',
      'email',
      'vip',
      'urgent',
      'ana',
      'us/ana',
    ]);
    expect(m.contact).toEqual({ requester: 'r1', category: 'login', at: instant(t('09:00')) });
  });
});
