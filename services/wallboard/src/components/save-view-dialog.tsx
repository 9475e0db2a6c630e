import { useState } from 'preact/hooks';
import type { BoardStore } from '../state/board-store';
import { scopeLabel } from '../state/scope';
import { windowLabel } from '../state/window-minutes';
import { ModalDialog } from './modal-dialog';

/** Names the current view and keeps it in the saved views (which TV mode rotates through). */
export function SaveViewDialog({
  store,
  onClose,
}: {
  readonly store: BoardStore;
  readonly onClose: () => void;
}) {
  const view = store.view.value;
  const [name, setName] = useState(`${scopeLabel(view.scope)} · ${windowLabel(view.window)}`);
  const taken = store.savedViews.value.some((v) => v.name === name.trim());
  const save = (event: Event) => {
    event.preventDefault();
    if (name.trim() === '') return;
    store.saveView(name.trim());
    onClose();
  };
  return (
    <ModalDialog title="Save view" onClose={onClose}>
      <form onSubmit={save}>
        <p class="hint">
          {scopeLabel(view.scope)}, {windowLabel(view.window)}. TV mode rotates through saved views.
        </p>
        <label class="field">
          Name
          <input
            name="viewName"
            value={name}
            required
            maxLength={60}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        {taken && <p class="hint">A view of that name exists: saving replaces it.</p>}
        <div class="dialog-actions">
          <span class="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Save view
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
