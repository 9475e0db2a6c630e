import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, STATUSES, type EventDataByType, type EventType } from '@slawatch/core';
import { SupportFloor, TEAM_IDS, TIERS, type Delivery } from '../src/index.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const start = Date.parse('2026-11-24T00:00:00Z');
const rate = 2;

// One simulated day, advanced minute by minute, watching the agents at every step.
const floor = new SupportFloor({ seed: 2026, start, rate });
const deliveries: Delivery[] = [];
let overCapacity = 0;
let fullAgents = 0;
let maxQueued = 0;
for (let t = start; t <= start + 24 * HOUR; t += MINUTE) {
  deliveries.push(...floor.advance(t));
  for (const agent of floor.agents()) {
    if (agent.active > agent.capacity) overCapacity++;
    if (agent.active === agent.capacity) fullAgents++;
  }
  maxQueued = Math.max(maxQueued, floor.stats().queuedTickets);
}
const events = deliveries.filter((d) => !d.duplicate).map((d) => d.event);
const dataOf = <T extends EventType>(type: T): EventDataByType[T][] =>
  events.filter((e) => e.type === type).map((e) => e.data as EventDataByType[T]);

describe('a simulated day on the floor', () => {
  it('has every event type of the contract', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it('moves tickets through every status, with reopens and both kinds of survey', () => {
    expect(new Set(dataOf('ticket.status_changed').map((d) => d.status))).toEqual(
      new Set(STATUSES.filter((s) => s !== 'new')),
    );
    const surveys = dataOf('ticket.surveyed');
    expect(new Set(surveys.map((s) => s.kind))).toEqual(new Set(['csat', 'nps']));
    const reopens = new Set<string>();
    const solved = new Set<string>();
    for (const e of [...events].sort((a, b) => a.time.localeCompare(b.time)))
      if (e.type === 'ticket.status_changed') {
        if (e.data.status === 'solved') solved.add(e.subject);
        else if (e.data.status === 'open' && solved.has(e.subject)) reopens.add(e.subject);
      }
    expect(reopens.size).toBeGreaterThan(0);
  });

  it('mixes priorities, channels, teams and tiers, and requesters who come back', () => {
    const created = dataOf('ticket.created');
    expect(new Set(created.map((c) => c.priority))).toEqual(
      new Set(['urgent', 'high', 'normal', 'low']),
    );
    expect(new Set(created.map((c) => c.team))).toEqual(new Set(TEAM_IDS));
    expect(new Set(created.map((c) => c.customerTier))).toEqual(new Set(TIERS));
    expect(new Set(created.map((c) => c.channel)).size).toBeGreaterThanOrEqual(5);
    const contacts = new Set<string>();
    let repeats = 0;
    for (const c of created) {
      const key = `${c.requesterId}/${c.category}`;
      if (contacts.has(key)) repeats++;
      contacts.add(key);
    }
    expect(repeats).toBeGreaterThan(0);
  });

  it('escalates to the platform team and changes priorities now and then', () => {
    expect(dataOf('ticket.escalated').every((d) => d.toTeam === 'platform')).toBe(true);
    expect(dataOf('ticket.assigned').some((d) => d.team === 'platform')).toBe(true);
    expect(dataOf('ticket.updated').every((d) => d.changes.priority !== undefined)).toBe(true);
  });

  it('delivers some events late, behind events that happened after them', () => {
    const late = deliveries.filter((d) => d.late);
    expect(late.length).toBeGreaterThan(0);
    const overtaken = deliveries.filter(
      (d, i) => i > 0 && Date.parse(d.event.time) < Date.parse(deliveries[i - 1]!.event.time),
    );
    expect(overtaken.length).toBeGreaterThan(0);
    for (const d of late) expect(d.deliverAt).toBeGreaterThan(Date.parse(d.event.time));
  });

  it('delivers some events twice, with the same source and id', () => {
    const keys = deliveries.map((d) => `${d.event.source} ${d.event.id}`);
    expect(new Set(keys).size).toBeLessThan(keys.length);
    expect(deliveries.filter((d) => d.duplicate).length).toBe(keys.length - new Set(keys).size);
  });

  it('has arrivals that follow the time of day', () => {
    const perHour = Array.from({ length: 24 }, () => 0);
    for (const e of events)
      if (e.type === 'ticket.created' && Date.parse(e.time) >= start)
        perHour[Math.floor((Date.parse(e.time) - start) / HOUR)]!++;
    expect(Math.max(...perHour)).toBeGreaterThan(1.5 * Math.min(...perHour));
  });

  it('publishes about the asked rate over the day', () => {
    const perSecond = events.length / (24 * 3600);
    expect(perSecond).toBeGreaterThan(0.75 * rate);
    expect(perSecond).toBeLessThan(1.25 * rate);
  });

  it('never gives an agent more tickets than their capacity, though agents do fill up', () => {
    expect(overCapacity).toBe(0);
    for (const agent of floor.agents())
      expect(agent.peakActive).toBeLessThanOrEqual(agent.capacity);
    expect(fullAgents).toBeGreaterThan(0);
  });

  it('has tickets waiting for an agent when the floor is busy', () => {
    expect(maxQueued).toBeGreaterThan(0);
  });
});
