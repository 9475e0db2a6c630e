/** The wallboard's pages. */
export type PageName = 'board' | 'teams' | 'what-if' | 'reports';

/**
 * The page is in the query (`?page=what-if`), not the fragment: the fragment carries
 * wallboard links, and a new one there makes the page take it in and reload.
 */
const PARAM = 'page';

/** The page a query string names; the board for anything else. */
export function pageFromSearch(search: string): PageName {
  const page = new URLSearchParams(search).get(PARAM);
  return page === 'teams' || page === 'what-if' || page === 'reports' ? page : 'board';
}

/** The query string for a page, keeping the query's other parameters. */
export function searchForPage(search: string, page: PageName): string {
  const params = new URLSearchParams(search);
  if (page === 'board') params.delete(PARAM);
  else params.set(PARAM, page);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
