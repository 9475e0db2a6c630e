import type { Session } from '../api/session';
import type { BoardView } from './board-view';
import { ALL, type Scope } from './scope';

/** The window a board starts with: an hour reads well on a wall; else the first offered. */
const PREFERRED_WINDOW = '1h';

/**
 * A view this token may show, as close to the wanted one as it allows: a token limited to
 * teams reads metrics by team only, so it gets one of its teams instead of "all" (or of a
 * queue, or of another team).
 */
export function resolveView(
  wanted: { readonly scope?: Scope | null; readonly window?: string | undefined },
  session: Session,
): BoardView {
  const windows = session.windows;
  const window =
    wanted.window !== undefined && windows.includes(wanted.window)
      ? wanted.window
      : windows.includes(PREFERRED_WINDOW)
        ? PREFERRED_WINDOW
        : (windows[0] ?? PREFERRED_WINDOW);
  const teams = session.teams;
  const scope = wanted.scope ?? null;
  if (teams === null) return { scope: scope ?? ALL, window };
  if (scope?.kind === 'team' && teams.includes(scope.value)) return { scope, window };
  const first = teams[0];
  return { scope: first === undefined ? ALL : { kind: 'team', value: first }, window };
}
