import type { Theme } from './link-params';

export type Mode = 'tv' | 'laptop';

/** What the board remembers on this device between visits (nothing secret). */
export interface Preferences {
  readonly theme?: Theme;
  readonly mode: Mode;
  /** The last view shown: a scope key and a window. */
  readonly scope?: string;
  readonly window?: string;
  readonly rotateSeconds: number;
}

export const DEFAULT_ROTATE_SECONDS = 30;

export function parsePreferences(json: string | null): Preferences {
  let stored: unknown;
  try {
    stored = json === null ? {} : JSON.parse(json);
  } catch {
    stored = {};
  }
  const p = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  return {
    ...(p.theme === 'dark' || p.theme === 'light' ? { theme: p.theme } : {}),
    mode: p.mode === 'tv' ? 'tv' : 'laptop',
    ...(typeof p.scope === 'string' ? { scope: p.scope } : {}),
    ...(typeof p.window === 'string' ? { window: p.window } : {}),
    rotateSeconds:
      typeof p.rotateSeconds === 'number' && p.rotateSeconds >= 5
        ? p.rotateSeconds
        : DEFAULT_ROTATE_SECONDS,
  };
}
