import type { MetricUpdate } from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { ContactChange } from './contact-list.js';
import type { StoredContact } from './metric-contribution.js';

/**
 * A contact list and the changes it gets: its key, its lane (the requester's), and the key
 * the same list had before lanes (read once, with one lane, when the list is new).
 */
export interface ContactWork {
  readonly key: string;
  readonly lane: number;
  readonly legacyKey: string;
  readonly changes: ContactChange[];
}

/** An applied update, with the contact list it must be in and those it must leave. */
export type Listed = readonly [MetricUpdate, StoredContact | null, readonly StoredContact[]];

/** The changes each contact list gets from the applied updates, by list key. */
export function contactChanges(keys: Keys, listed: readonly Listed[]): Map<string, ContactWork> {
  const byKey = new Map<string, ContactWork>();
  const add = ([requester, category]: StoredContact, change: ContactChange) => {
    const key = keys.contacts(requester, category);
    const work = byKey.get(key);
    if (work) work.changes.push(change);
    else
      byKey.set(key, {
        key,
        lane: keys.laneOf(requester),
        legacyKey: keys.legacyContacts(requester, category),
        changes: [change],
      });
  };
  for (const [update, contact, formers] of listed) {
    const { ticketId, version } = update;
    const dims = update.metrics.dims;
    if (contact) add(contact, { ticketId, version, at: contact[2], dims });
    for (const former of formers)
      if (!contact || former[0] !== contact[0] || former[1] !== contact[1])
        add(former, { ticketId, version, at: null, dims });
  }
  return byKey;
}
