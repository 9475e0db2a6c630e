import { signal } from '@preact/signals';
import { pageFromSearch, searchForPage, type PageName } from './page-param';

/** The page shown, from the address; the browser's Back and Forward move it. */
export const currentPage = signal<PageName>(pageFromSearch(location.search));

/** A page's address, for links that also open in a new tab. */
export const pageHref = (page: PageName): string =>
  `${location.pathname}${searchForPage(location.search, page)}`;

/** Shows a page without reloading, as a new history entry. */
export function showPage(page: PageName): void {
  if (page === currentPage.value) return;
  history.pushState(history.state, '', pageHref(page));
  currentPage.value = page;
}

/** Follows Back and Forward; returns what stops it. */
export function followHistory(): () => void {
  const onPop = () => (currentPage.value = pageFromSearch(location.search));
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
