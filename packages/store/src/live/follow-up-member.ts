import type { FollowUpListing, SurveyKind } from '@slawatch/core';

/**
 * A low survey's member on the follow-up list: `ticket|kind|score|key`. The key (the
 * survey event's compact key) makes a re-survey a member of its own and a redelivered
 * event the same one; the kind and score ride along so a read needs no ticket record.
 */
export const followUpMember = (
  ticketId: string,
  f: Pick<FollowUpListing, 'kind' | 'score' | 'key'>,
): string => `${ticketId}|${f.kind}|${f.score}|${f.key}`;

/** `followUpMember` read back, from the right: a ticket id may hold a "|". */
export function parseFollowUpMember(member: string): {
  ticketId: string;
  kind: SurveyKind;
  score: number;
} {
  const c3 = member.lastIndexOf('|');
  const c2 = member.lastIndexOf('|', c3 - 1);
  const c1 = member.lastIndexOf('|', c2 - 1);
  return {
    ticketId: member.slice(0, c1),
    // Only followUpMember writes members, with a survey's kind.
    kind: member.slice(c1 + 1, c2) as SurveyKind,
    score: Number(member.slice(c2 + 1, c3)),
  };
}
