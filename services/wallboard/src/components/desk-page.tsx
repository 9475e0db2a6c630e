import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { useShortcuts } from '../hooks/use-shortcuts';
import { toggleTheme } from '../state/theme';
import { WhatIfHeader } from './what-if-header';

export interface DeskPageProps {
  readonly session: Session;
  readonly signOut: () => void;
  readonly title: string;
  /** The `main` element's class. */
  readonly class: string;
  readonly children: ComponentChildren;
  /** What goes after `main` (a dialog). */
  readonly after?: ComponentChildren;
}

/**
 * The frame of a page read or worked at a desk (Teams, Agents, Reports, What if…): never TV
 * mode's scaled type, `d` for the theme, the header with the sign-out, a skip link and the
 * page's title.
 */
export function DeskPage(props: DeskPageProps) {
  const { session, signOut, title, children, after } = props;
  useEffect(() => {
    document.body.dataset.mode = document.documentElement.dataset.mode = 'laptop';
  }, []);
  const shortcuts = useMemo(() => ({ d: toggleTheme }), []);
  useShortcuts(shortcuts);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the page
      </a>
      <WhatIfHeader session={session} signOut={signOut} />
      <main id="main" tabIndex={-1} class={props.class}>
        <h1 class="view-title">{title}</h1>
        {children}
      </main>
      {after}
    </>
  );
}
