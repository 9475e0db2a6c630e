import type { BoardView } from '../state/board-view';
import { scopeLabel } from '../state/scope';
import { windowLabel } from '../state/window-minutes';

/** The heading of the board: whose figures, over which window. */
export const viewTitle = (view: BoardView): string =>
  `${scopeLabel(view.scope)} · ${windowLabel(view.window)}`;
