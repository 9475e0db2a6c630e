/** `GET /api/v1/session`: who the token is and what a wallboard may offer it. */
export interface Session {
  readonly name: string;
  readonly scopes: readonly string[];
  /** null: every team is visible. */
  readonly teams: readonly string[] | null;
  /** The policy document's metric window names. */
  readonly windows: readonly string[];
  /** The teams and queues to offer as scopes. */
  readonly choices: { readonly team: readonly string[]; readonly queue: readonly string[] };
}
