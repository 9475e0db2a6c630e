import type { LiveData } from '../live/live-data';
import type { BoardStore } from '../state/board-store';
import { UpdatedAt } from './updated-at';

/**
 * TV mode's only chrome: where the board is in its rotation and how fresh it is. The way
 * out stays reachable (Tab, or Escape) but is shown only when focused or pointed at.
 */
export function TvBar({ store, data }: { readonly store: BoardStore; readonly data: LiveData }) {
  const saved = store.savedViews.value;
  const current = store.currentSaved.value;
  const position = current ? saved.indexOf(current) + 1 : 0;
  return (
    <div class="tv-bar">
      {saved.length > 1 && position > 0 && (
        <p class="rotation">
          view {position} of {saved.length}
        </p>
      )}
      <UpdatedAt data={data} />
      <button type="button" class="tv-exit" onClick={() => (store.mode.value = 'laptop')}>
        Leave TV mode (Esc)
      </button>
    </div>
  );
}
