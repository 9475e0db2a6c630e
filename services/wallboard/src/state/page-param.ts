/** The wallboard's pages. */
export type PageName = 'board' | 'teams' | 'agents' | 'what-if' | 'reports';

/**
 * The page is in the query (`?page=what-if`), not the fragment: the fragment carries
 * wallboard links, and a new one there makes the page take it in and reload.
 */
const PARAM = 'page';

/** The page a query string names; the board for anything else. */
export function pageFromSearch(search: string): PageName {
  const page = new URLSearchParams(search).get(PARAM);
  return page === 'teams' || page === 'agents' || page === 'what-if' || page === 'reports'
    ? page
    : 'board';
}

/** The Agents page's team (`?page=agents&team=emea`): a link names it, the page keeps it there. */
const TEAM = 'team';

/**
 * The query string for a page, keeping the query's other parameters but the Agents page's
 * team, which means nothing to another page.
 */
export function searchForPage(search: string, page: PageName, team?: string): string {
  const params = new URLSearchParams(search);
  if (page === 'board') params.delete(PARAM);
  else params.set(PARAM, page);
  if (page === 'agents' && team !== undefined) params.set(TEAM, team);
  else if (page !== 'agents') params.delete(TEAM);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The team the address names for the Agents page, if any. */
export function teamFromSearch(search: string): string | null {
  const team = new URLSearchParams(search).get(TEAM);
  return team === null || team === '' ? null : team;
}
