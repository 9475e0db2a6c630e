/** `read` the API and live stream, `ingest` send events, `report` run period reports, `admin` everything. */
export const SCOPES = ['read', 'ingest', 'report', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: the token's holder, what it may do, and which teams it may see. */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  /** `admin` implies every other scope. */
  readonly scopes: readonly Scope[];
  /** Null: every team. Otherwise every answer is limited to these teams' tickets. */
  readonly teams: readonly string[] | null;
}

export const hasScope = (p: Principal, scope: Scope): boolean =>
  p.scopes.includes('admin') || p.scopes.includes(scope);
