import { useEffect, useState } from 'preact/hooks';
// Types only: the code is imported when a dialog first opens.
import type { DrillDownDialog, DrillDownDialogProps } from './drill-down-dialog';
import { ModalDialog } from './modal-dialog';

type Dialog = typeof DrillDownDialog;

let loading: Promise<Dialog> | null = null;
const loadDialog = (): Promise<Dialog> =>
  (loading ??= import('./drill-down-dialog').then(
    (m) => m.DrillDownDialog,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  ));

/**
 * The drill-down dialog, its code loaded the first time one opens: a wall screen in TV
 * mode never opens one, so the board's own bundle does not carry it.
 */
export function DrillDown(props: DrillDownDialogProps) {
  const [loaded, setLoaded] = useState<{ readonly Dialog: Dialog } | 'failed' | null>(null);
  useEffect(() => {
    let wanted = true;
    loadDialog().then(
      (Dialog) => wanted && setLoaded({ Dialog }),
      () => wanted && setLoaded('failed'),
    );
    return () => {
      wanted = false;
    };
  }, []);
  if (loaded === null) return null;
  if (loaded === 'failed')
    return (
      <ModalDialog title="The tickets" onClose={props.onClose}>
        <div>
          <p role="alert" class="form-error">
            The list could not be loaded: the gateway may have been upgraded. Reload the page.
          </p>
          <div class="dialog-actions">
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          </div>
        </div>
      </ModalDialog>
    );
  return <loaded.Dialog {...props} />;
}
