/**
 * A team and an agent as one metric dimension value (the hidden `teamAssignee` bucket
 * dimension): `<team>/<agent>`, with `\` and `/` in the team escaped by `\`. The first
 * unescaped `/` ends the team, so no two pairs share a value: a token limited to team
 * `a` can never read team `a/b`'s agents by a clever agent name.
 */
export function teamAgent(team: string, agent: string): string {
  return `${team.replaceAll('\\', '\\\\').replaceAll('/', '\\/')}/${agent}`;
}

/** The team and agent of a `teamAgent` value; null for a value not made by it. */
export function parseTeamAgent(value: string): readonly [team: string, agent: string] | null {
  let team = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '/') return [team, value.slice(i + 1)];
    if (c === '\\') {
      const next = value[i + 1];
      if (next !== '\\' && next !== '/') return null;
      team += next;
      i++;
    } else team += c;
  }
  return null;
}
