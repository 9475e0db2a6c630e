import { signal } from '@preact/signals';
import { pageFromSearch, searchForPage, type PageName } from './page-param';

/** The page shown, from the address; the browser's Back and Forward move it. */
export const currentPage = signal<PageName>(pageFromSearch(location.search));

/** A page's address, for links that also open in a new tab (the Agents page's with its team). */
export const pageHref = (page: PageName, team?: string): string =>
  `${location.pathname}${searchForPage(location.search, page, team)}`;

/** Shows a page without reloading, as a new history entry. */
export function showPage(page: PageName, team?: string): void {
  if (page === currentPage.value && team === undefined) return;
  history.pushState(history.state, '', pageHref(page, team));
  currentPage.value = page;
}

/** Keeps the address saying what the page shows (the Agents page's team), with no new entry. */
export function replaceSearch(page: PageName, team: string): void {
  history.replaceState(history.state, '', pageHref(page, team));
}

/** Follows Back and Forward; returns what stops it. */
export function followHistory(): () => void {
  const onPop = () => (currentPage.value = pageFromSearch(location.search));
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
