import { effect, signal } from '@preact/signals';
import type { Theme } from './link-params';
import { parsePreferences } from './preferences';
import { readItem, STORAGE_KEYS, writeItem } from './web-storage';

const prefersDark = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** Set once the viewer picks a theme; until then the system's choice is followed. */
let chosen = parsePreferences(readItem('local', STORAGE_KEYS.prefs)).theme;

/** The page's theme, on `<html data-theme>`. */
export const theme = signal<Theme>(chosen ?? (prefersDark() ? 'dark' : 'light'));

/** Keeps `<html data-theme>` in step and follows the system until the viewer chooses. */
export function applyTheme(): () => void {
  const stop = effect(() => {
    document.documentElement.dataset.theme = theme.value;
  });
  const media =
    typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const follow = (e: MediaQueryListEvent) => {
    if (chosen === undefined) theme.value = e.matches ? 'dark' : 'light';
  };
  media?.addEventListener('change', follow);
  return () => {
    stop();
    media?.removeEventListener('change', follow);
  };
}

/** The viewer's choice, kept on this device. */
export function chooseTheme(next: Theme): void {
  chosen = next;
  theme.value = next;
  const prefs = parsePreferences(readItem('local', STORAGE_KEYS.prefs));
  writeItem('local', STORAGE_KEYS.prefs, JSON.stringify({ ...prefs, theme: next }));
}

export const toggleTheme = (): void => chooseTheme(theme.value === 'dark' ? 'light' : 'dark');
