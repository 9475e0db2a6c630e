import { readItem, STORAGE_KEYS, writeItem } from './web-storage';

/** The token this browser signed in with: this tab's first, else this device's. */
export function loadToken(): string | null {
  return readItem('session', STORAGE_KEYS.token) ?? readItem('local', STORAGE_KEYS.token);
}

/**
 * Keeps the token: in localStorage when it should survive a restart (a wall screen, or
 * "Remember on this device"), else only for this tab.
 */
export function saveToken(token: string, remember: boolean): void {
  clearToken();
  writeItem(remember ? 'local' : 'session', STORAGE_KEYS.token, token);
}

export function clearToken(): void {
  writeItem('local', STORAGE_KEYS.token, null);
  writeItem('session', STORAGE_KEYS.token, null);
}
