import { parseLinkParams } from './link-params';
import { parsePreferences } from './preferences';
import { parseSavedViews, serializeSavedViews } from './saved-views';
import { scopeKey } from './scope';
import { chooseTheme } from './theme';
import { saveToken } from './token-store';
import { readItem, STORAGE_KEYS, writeItem } from './web-storage';

/**
 * Takes what a wallboard link carries (fragment, or the query for everything but the
 * token) into this device's storage, and removes the fragment from the address bar so the
 * token is not left on show or in the history. A link's token is kept in localStorage:
 * a wall screen must come back by itself after a power cut.
 */
export function consumeLink(): void {
  const query = parseLinkParams(location.search);
  const fragment = parseLinkParams(location.hash);
  if (location.hash.length > 1)
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  // A token in the query would reach server logs and Referer headers: not accepted there.
  const { token: _ignored, ...fromQuery } = query;
  const params = { ...fromQuery, ...fragment };

  if (params.token !== undefined) saveToken(params.token, true);
  if (params.theme !== undefined) chooseTheme(params.theme);
  if (params.views !== undefined)
    writeItem('local', STORAGE_KEYS.views, serializeSavedViews(params.views));

  const prefs = parsePreferences(readItem('local', STORAGE_KEYS.prefs));
  const named =
    params.view === undefined
      ? undefined
      : parseSavedViews(readItem('local', STORAGE_KEYS.views)).find((v) => v.name === params.view);
  const scope = params.scope ?? named?.scope;
  const window = params.window ?? named?.window;
  writeItem(
    'local',
    STORAGE_KEYS.prefs,
    JSON.stringify({
      ...prefs,
      ...(params.tv === undefined ? {} : { mode: params.tv ? 'tv' : 'laptop' }),
      ...(scope === undefined ? {} : { scope: scopeKey(scope) }),
      ...(window === undefined ? {} : { window }),
      ...(params.rotateSeconds === undefined ? {} : { rotateSeconds: params.rotateSeconds }),
    }),
  );
}
