/**
 * Whether a caller limited to `limit` (null: every team) may see something of `teams`
 * (null: every team): only what is limited to some of its own teams, so a team-limited
 * admin can neither mint a wider token nor read or revoke the operator's, nor read a
 * backtest an unlimited admin ran.
 */
export const withinTeams = (limit: readonly string[] | null, teams: readonly string[] | null) =>
  limit === null || (teams !== null && teams.every((t) => limit.includes(t)));
