import type { AlertTransition } from '@slawatch/core';

/** A clock's member in the live lists (at-risk, breaches): `ticket|clock|cycle`. */
export const liveMember = (t: Pick<AlertTransition, 'ticketId' | 'clock' | 'cycle'>): string =>
  `${t.ticketId}|${t.clock}|${t.cycle}`;

/** `liveMember` read back, from the right: a ticket id may hold a "|". */
export function parseLiveMember(member: string): {
  ticketId: string;
  clock: AlertTransition['clock'];
  cycle: number;
} {
  const c2 = member.lastIndexOf('|');
  const c1 = member.lastIndexOf('|', c2 - 1);
  return {
    ticketId: member.slice(0, c1),
    // Only liveMember writes members, with a transition's clock kind.
    clock: member.slice(c1 + 1, c2) as AlertTransition['clock'],
    cycle: Number(member.slice(c2 + 1)),
  };
}

/** Only the ticket id of a `liveMember`: what a list read needs of entries it may skip. */
export const ticketOfLiveMember = (member: string): string =>
  member.slice(0, member.lastIndexOf('|', member.lastIndexOf('|') - 1));
