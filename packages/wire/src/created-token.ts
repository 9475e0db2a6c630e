/** `POST /api/v1/tokens`'s answer: the secret is in it once, and never again. */
export interface CreatedToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** null: every team is visible. */
  readonly teams: readonly string[] | null;
  /** The bearer secret. */
  readonly token: string;
}
