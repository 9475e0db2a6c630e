import type { Session } from '@slawatch/wire';

export type { Session };

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Reads the session answer defensively: a board with fewer choices beats a blank page. */
export function parseSession(value: unknown): Session {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const choices = (typeof v.choices === 'object' && v.choices !== null ? v.choices : {}) as Record<
    string,
    unknown
  >;
  const windows = strings(v.windows);
  return {
    name: typeof v.name === 'string' ? v.name : '',
    scopes: strings(v.scopes),
    teams: Array.isArray(v.teams) ? strings(v.teams) : null,
    windows: windows.length > 0 ? windows : ['15m', '1h', '24h', '7d'],
    choices: { team: strings(choices.team), queue: strings(choices.queue) },
  };
}

export const isAdmin = (session: Session): boolean => session.scopes.includes('admin');
