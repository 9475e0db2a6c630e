import { useEffect } from 'preact/hooks';
import type { BoardStore } from '../state/board-store';

/**
 * On a TV with two or more saved views, shows the next one every `rotateSeconds`. A view
 * picked by hand ([ or ]) restarts the wait, so it is not rotated away at once.
 */
export function useRotation(store: BoardStore, tv: boolean, savedCount: number): void {
  const view = store.view.value;
  useEffect(() => {
    if (!tv || savedCount < 2) return;
    const timer = setTimeout(() => store.step(1), store.rotateSeconds * 1000);
    return () => clearTimeout(timer);
  }, [store, tv, savedCount, view]);
}
