/** Storage keys of the wallboard, in one place. */
export const STORAGE_KEYS = {
  token: 'slawatch.wallboard.token',
  prefs: 'slawatch.wallboard.prefs',
  views: 'slawatch.wallboard.views',
  thresholds: 'slawatch.wallboard.thresholds',
} as const;

type Area = 'local' | 'session';

const area = (which: Area): Storage | null => {
  try {
    return which === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    // Storage can be switched off (some private modes, sandboxed frames).
    return null;
  }
};

export function readItem(which: Area, key: string): string | null {
  try {
    return area(which)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes (or, with null, removes) an item; a full or disabled storage is not an error. */
export function writeItem(which: Area, key: string, value: string | null): void {
  try {
    const storage = area(which);
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Nothing to do: the setting lasts for this page only.
  }
}
