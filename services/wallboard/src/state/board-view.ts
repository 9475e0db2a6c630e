import { scopeKey, type Scope } from './scope';

/** What the board shows: a scope over a metric window. */
export interface BoardView {
  readonly scope: Scope;
  readonly window: string;
}

export const sameView = (a: BoardView, b: BoardView): boolean =>
  a.window === b.window && scopeKey(a.scope) === scopeKey(b.scope);
