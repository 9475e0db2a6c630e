import type { Session } from '../api/session';

/**
 * The teams the Agents page offers: a team-limited token's own (the gateway refuses it any
 * other), else the teams the session saw in the longest window, with one asked for in the
 * address added (a link from the Teams page may name a team seen only in a shorter window).
 */
export function agentTeams(session: Session, asked: string | null): readonly string[] {
  if (session.teams !== null) return session.teams;
  const seen = session.choices.team;
  return asked === null || seen.includes(asked) ? seen : [...seen, asked];
}
