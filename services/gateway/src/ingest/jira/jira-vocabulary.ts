import type { Priority, TicketStatus } from '@slawatch/core';

// Jira's statuses and priorities are names an administrator can rename and add to; these
// tables hold the names of Jira Service Management's own workflows and priority schemes,
// read through lower case. A status not listed falls back on its category (below).

/**
 * Jira Service Management's status names and ours. The waits are told apart: waiting on the
 * customer is `pending`, waiting on anyone else (a vendor, a change window, an approval)
 * is `on_hold`. Both pause resolution under the default `pauseOn`.
 */
export const JIRA_STATUSES: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  'to do': 'new',
  backlog: 'new',
  open: 'open',
  reopened: 'open',
  'waiting for support': 'open',
  'in progress': 'open',
  'work in progress': 'open',
  'under investigation': 'open',
  'under review': 'open',
  escalated: 'open',
  implementing: 'open',
  'waiting for customer': 'pending',
  'waiting for reporter': 'pending',
  'awaiting customer': 'pending',
  pending: 'on_hold',
  'on hold': 'on_hold',
  'waiting for third party': 'on_hold',
  'waiting for vendor': 'on_hold',
  'awaiting approval': 'on_hold',
  resolved: 'solved',
  done: 'solved',
  completed: 'solved',
  closed: 'closed',
  canceled: 'closed',
  cancelled: 'closed',
  declined: 'closed',
};

/**
 * Jira's three status categories (`statusCategory.key`), for a status the table above does
 * not name. `done` is `solved`, not `closed`, so that a reopen still counts as one.
 */
export const JIRA_STATUS_CATEGORIES: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  indeterminate: 'open',
  done: 'solved',
};

/**
 * Jira's default priorities (Highest to Lowest), and those of older schemes (Blocker to
 * Trivial). Five levels meet our four: Highest and Blocker/Critical are `urgent`, Lowest
 * and Trivial join Low as `low`.
 */
export const JIRA_PRIORITIES: Readonly<Record<string, Priority>> = {
  highest: 'urgent',
  blocker: 'urgent',
  critical: 'urgent',
  high: 'high',
  major: 'high',
  medium: 'normal',
  low: 'low',
  minor: 'low',
  lowest: 'low',
  trivial: 'low',
};

const lookUp = <T>(table: Readonly<Record<string, T>>, value: string): T | null => {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key]! : null;
};

/** Our status for a Jira status name, or for its category when the name is not known. */
export function contractStatus(name: string, category: string | null): TicketStatus | null {
  return (
    lookUp(JIRA_STATUSES, name) ??
    (category === null ? null : lookUp(JIRA_STATUS_CATEGORIES, category))
  );
}

/** Our priority for a Jira priority name, or null when it is not one we know. */
export const contractPriority = (name: string): Priority | null => lookUp(JIRA_PRIORITIES, name);
