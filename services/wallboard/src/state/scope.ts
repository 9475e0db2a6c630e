/** Whose figures the board shows: everyone's, one team's or one queue's. */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'team'; readonly value: string }
  | { readonly kind: 'queue'; readonly value: string };

export const ALL: Scope = { kind: 'all' };

/** The scope as one string (`all`, `team:emea`, `queue:billing`): option values, storage. */
export const scopeKey = (scope: Scope): string =>
  scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.value}`;

export function parseScopeKey(key: string): Scope | null {
  if (key === 'all') return ALL;
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (colon < 0 || value === '') return null;
  if (kind === 'team' || kind === 'queue') return { kind, value };
  return null;
}

export function scopeLabel(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'All teams';
    case 'team':
      return `Team ${scope.value}`;
    case 'queue':
      return `Queue ${scope.value}`;
  }
}
