import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { validateEvent, type TicketEvent } from '@slawatch/core';

// The Zendesk export fixtures (fixtures/zendesk-export/) and what they must become, shared
// by the importer's pure tests and its command-line tests.

export const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/zendesk-export/${name}`, import.meta.url));
export const readJson = (name: string) =>
  JSON.parse(readFileSync(fixture(name), 'utf8')) as unknown;
export const pages = [1, 2, 3].map(
  (n) =>
    readJson(`page-${n}.json`) as {
      ticket_events: unknown[];
      end_time: number;
      end_of_stream: boolean;
      next_page: string;
    },
);
const dir = mkdtempSync(join(tmpdir(), 'slawatch-import-zendesk-'));
let fileCount = 0;
export const tempPath = (name: string) => join(dir, `${++fileCount}-${name}`);

/** What the three pages become: [id, ticket, time, type, data], in order, each once. */
// prettier-ignore
export const EXPECTED: [string, string, string, string, unknown][] = [
  ['9001', '101', '09:00', 'ticket.created', {
    priority: 'high', channel: 'web', status: 'new', team: '360001', requesterId: '5001',
    tags: ['billing', 'vip'],
  }],
  ['9013', '101', '09:05', 'ticket.commented', { author: 'agent', public: true, authorId: '7001' }],
  ['9011', '101', '09:05', 'ticket.assigned', { assigneeId: '7001', team: '360001' }],
  ['9012', '101', '09:05', 'ticket.status_changed', { status: 'open' }],
  ['9020', '102', '09:10', 'ticket.created', {
    priority: 'normal', channel: 'email', status: 'open', requesterId: '5002', customerId: '8801',
  }],
  ['9031', '101', '09:20', 'ticket.commented', { author: 'customer', public: true, authorId: '5001' }],
  ['9043', '102', '10:00', 'ticket.commented', { author: 'agent', public: false, authorId: '7002' }],
  ['9042', '102', '10:00', 'ticket.assigned', { assigneeId: '7002', team: '360002' }],
  ['9041', '102', '10:00', 'ticket.updated', { changes: { team: '360002' } }],
  ['9051', '101', '10:30', 'ticket.status_changed', { status: 'on_hold' }],
  ['9052', '101', '10:30', 'ticket.updated', { changes: { priority: 'urgent' } }],
  ['9060', '103', '10:45', 'ticket.created', {
    priority: 'low', channel: 'api', status: 'new', team: '360001', requesterId: '5003',
  }],
  ['9071', '103', '11:00', 'ticket.deleted', {}],
  ['9081', '101', '11:30', 'ticket.commented', { author: 'system', public: true }],
  ['9082', '101', '11:30', 'ticket.status_changed', { status: 'solved' }],
];

export const expectedEvents = (rows = EXPECTED) =>
  rows.map(([id, subject, hhmm, type, data]) => ({
    specversion: '1.0',
    id,
    source: 'zendesk/acme',
    type,
    subject,
    time: `2026-11-30T${hhmm}:00Z`,
    datacontenttype: 'application/json',
    data,
  }));

export const ndjson = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TicketEvent);

export function expectValid(events: readonly unknown[]) {
  for (const event of events) expect(validateEvent(event)).toMatchObject({ ok: true });
}
