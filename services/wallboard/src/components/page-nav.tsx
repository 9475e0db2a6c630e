import { currentPage, pageHref, showPage } from '../state/current-page';
import type { PageName } from '../state/page-param';

const PAGES: readonly { readonly page: PageName; readonly label: string }[] = [
  { page: 'board', label: 'Board' },
  { page: 'teams', label: 'Teams' },
  { page: 'agents', label: 'Agents' },
  { page: 'what-if', label: 'What if…' },
  { page: 'reports', label: 'Reports' },
];

/**
 * The pages of the wallboard, as real links (they open in a new tab too); a plain click
 * changes the page without a reload, so the sign-in and a running backtest or report carry over.
 */
export function PageNav() {
  const current = currentPage.value;
  return (
    <nav class="page-nav" aria-label="Pages">
      {PAGES.map(({ page, label }) => (
        <a
          key={page}
          href={pageHref(page)}
          aria-current={page === current ? 'page' : undefined}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            showPage(page);
          }}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}
