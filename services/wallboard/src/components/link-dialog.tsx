import { useRef, useState } from 'preact/hooks';
import type { CreatedToken } from '@slawatch/wire';
import { ApiError, type ApiClient } from '../api/api-client';
import type { BoardStore } from '../state/board-store';
import { wallboardLink, type LinkParams } from '../state/link-params';
import { theme } from '../state/theme';
import { ModalDialog } from './modal-dialog';

const pageAddress = (): string => `${location.origin}${location.pathname}`;

function linkFor(created: CreatedToken, store: BoardStore, options: LinkOptions): string {
  const view = store.view.value;
  const teams = created.teams;
  // A token limited to teams reads metrics by team only: point it at one of them.
  const scope =
    teams && teams.length > 0 && !(view.scope.kind === 'team' && teams.includes(view.scope.value))
      ? { kind: 'team' as const, value: teams[0]! }
      : view.scope;
  const params: LinkParams = {
    token: created.token,
    tv: options.tv,
    theme: theme.value,
    window: view.window,
    scope,
    ...(options.views ? { views: store.savedViews.value } : {}),
  };
  return wallboardLink(pageAddress(), params);
}

interface LinkOptions {
  readonly tv: boolean;
  readonly views: boolean;
}

/**
 * Makes a link for a wall screen: a new read-only token (optionally limited to some teams)
 * in the link's fragment, with the current view. The secret is shown once, here.
 */
export function LinkDialog({
  store,
  api,
  onClose,
}: {
  readonly store: BoardStore;
  readonly api: ApiClient;
  readonly onClose: () => void;
}) {
  const choices = store.session.choices.team;
  const saved = store.savedViews.value.length;
  const [name, setName] = useState('wallboard');
  const [teams, setTeams] = useState<readonly string[]>([]);
  const [options, setOptions] = useState<LinkOptions>({ tv: true, views: saved > 1 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; id: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const output = useRef<HTMLInputElement>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createToken({
        name: name.trim() || 'wallboard',
        scopes: ['read'],
        ...(teams.length > 0 ? { teams } : {}),
      });
      setLink({ url: linkFor(created, store, options), id: created.id });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? `The token could not be created: ${e.message}${e.status ? ` (${e.status})` : ''}.`
          : 'The token could not be created.',
      );
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      // No clipboard API outside secure contexts (plain http): leave it selected to copy.
      output.current?.select();
      setCopied(false);
    }
  };

  const toggleTeam = (team: string, on: boolean) =>
    setTeams(on ? [...teams, team] : teams.filter((t) => t !== team));

  return (
    <ModalDialog title="Wallboard link" onClose={onClose}>
      {link === null ? (
        <form onSubmit={(e) => void create(e)}>
          <p class="hint">
            Creates a new read-only token for a wall screen and a link that signs the screen in with
            it. Anyone with the link can read the board: revoke the token to take it back.
          </p>
          <label class="field">
            Token name
            <input
              name="tokenName"
              value={name}
              maxLength={100}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          {choices.length > 0 && (
            <fieldset>
              <legend>Limit to teams (none ticked: every team)</legend>
              <div class="checks">
                {choices.map((team) => (
                  <label key={team} class="check">
                    <input
                      type="checkbox"
                      checked={teams.includes(team)}
                      onChange={(e) => toggleTeam(team, e.currentTarget.checked)}
                    />
                    {team}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <label class="check">
            <input
              type="checkbox"
              checked={options.tv}
              onChange={(e) => setOptions({ ...options, tv: e.currentTarget.checked })}
            />
            Open in TV mode
          </label>
          {saved > 0 && (
            <label class="check">
              <input
                type="checkbox"
                checked={options.views}
                onChange={(e) => setOptions({ ...options, views: e.currentTarget.checked })}
              />
              Include my {saved} saved view{saved === 1 ? '' : 's'} (TV mode rotates through them)
            </label>
          )}
          {error && (
            <p role="alert" class="form-error">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <span class="spacer" />
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create link'}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <p class="hint">
            <b>Copy the link now: its secret is shown only this once.</b> Open it on the wall
            screen; the screen keeps the token and removes it from the address bar. Token id{' '}
            <code>{link.id}</code> (revoke it with <code>DELETE /api/v1/tokens/{link.id}</code>).
          </p>
          <label class="field">
            Link
            <input
              ref={output}
              name="link"
              readOnly
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <p role="status" class="hint">
            {copied ? 'Copied to the clipboard.' : ''}
          </p>
          <div class="dialog-actions">
            <span class="spacer" />
            <button type="button" onClick={() => void copy()}>
              Copy link
            </button>
            <button type="button" class="primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
