import type { Session } from '../api/session';
import { theme, toggleTheme } from '../state/theme';
import { PageNav } from './page-nav';

/** The "What if…" page's header: who is signed in, the pages, the theme and the way out. */
export function WhatIfHeader({
  session,
  signOut,
}: {
  readonly session: Session;
  readonly signOut: () => void;
}) {
  return (
    <header class="board-header">
      <div class="brand">
        <span class="brand-name">slawatch</span>
        <span class="who">{session.name}</span>
      </div>
      <PageNav />
      <div class="actions">
        <button
          type="button"
          onClick={toggleTheme}
          aria-pressed={theme.value === 'dark'}
          title="Dark theme (d)"
        >
          Dark
        </button>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
