import { parseSavedViews, serializeSavedViews, type SavedView } from './saved-views';
import { parseScopeKey, scopeKey, type Scope } from './scope';

export type Theme = 'dark' | 'light';

/**
 * What a wallboard link may carry in its fragment (`/#token=…&tv=1&window=1h&team=emea`).
 * The fragment never reaches the server or its logs, which is why the token travels there.
 */
export interface LinkParams {
  readonly token?: string;
  /** The name of a saved view to show. */
  readonly view?: string;
  readonly tv?: boolean;
  readonly theme?: Theme;
  readonly window?: string;
  readonly scope?: Scope;
  readonly rotateSeconds?: number;
  /** Saved views to install on this screen (they replace its own). */
  readonly views?: readonly SavedView[];
}

const MIN_ROTATE_SECONDS = 5;

/** Reads link parameters from a fragment or query string (`#a=1&b=2`, `?a=1`); junk is ignored. */
export function parseLinkParams(text: string): LinkParams {
  const search = new URLSearchParams(text.replace(/^[#?]/, ''));
  const get = (name: string) => {
    const value = search.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const params: {
    -readonly [K in keyof LinkParams]: LinkParams[K];
  } = {};
  const token = get('token');
  if (token !== undefined) params.token = token;
  const view = get('view');
  if (view !== undefined) params.view = view;
  const tv = get('tv');
  if (tv !== undefined) params.tv = tv === '1' || tv === 'true';
  const theme = get('theme');
  if (theme === 'dark' || theme === 'light') params.theme = theme;
  const window = get('window');
  if (window !== undefined && /^\d+[mhd]$/.test(window)) params.window = window;
  const team = get('team');
  const queue = get('queue');
  const scope = get('scope');
  if (team !== undefined) params.scope = { kind: 'team', value: team };
  else if (queue !== undefined) params.scope = { kind: 'queue', value: queue };
  else if (scope !== undefined) {
    const parsed = parseScopeKey(scope);
    if (parsed) params.scope = parsed;
  }
  const rotate = Number(get('rotate'));
  if (Number.isFinite(rotate) && rotate > 0)
    params.rotateSeconds = Math.max(MIN_ROTATE_SECONDS, Math.round(rotate));
  const views = get('views');
  if (views !== undefined) params.views = parseSavedViews(views);
  return params;
}

/** A wallboard link: the page's address with the parameters in its fragment. */
export function wallboardLink(page: string, params: LinkParams): string {
  const search = new URLSearchParams();
  if (params.token !== undefined) search.set('token', params.token);
  if (params.tv !== undefined) search.set('tv', params.tv ? '1' : '0');
  if (params.theme !== undefined) search.set('theme', params.theme);
  if (params.window !== undefined) search.set('window', params.window);
  const scope = params.scope;
  if (scope !== undefined) {
    if (scope.kind === 'all') search.set('scope', scopeKey(scope));
    else search.set(scope.kind, scope.value);
  }
  if (params.view !== undefined) search.set('view', params.view);
  if (params.rotateSeconds !== undefined) search.set('rotate', String(params.rotateSeconds));
  if (params.views !== undefined && params.views.length > 0)
    search.set('views', serializeSavedViews(params.views));
  return `${page.replace(/#.*$/, '')}#${search.toString()}`;
}
