import { signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { RequestProblem } from '../api/request-problem';
import type { ReportSummary } from '../api/report-job';
import type { ReportBy, ReportFile, ReportsApi } from '../api/reports-api';
import { isAdmin, type Session } from '../api/session';
import type { JobFailure } from '../jobs/job-failure';
import { JobRun, type Schedule } from '../jobs/job-run';
import { reportFailure } from '../reports/report-failure';
import { DEFAULT_PERIOD, reportPeriod, type PeriodForm } from '../reports/report-period';
import { parseReportLink } from '../reports/report-link';

/** The finished report's page, as the iframe shows it. */
export type ReportPage =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'shown'; readonly id: string; readonly html: string }
  | { readonly kind: 'failed'; readonly id: string; readonly failure: JobFailure };

/** A file to save, as the browser is handed it. */
export interface SavedFile {
  readonly blob: Blob;
  readonly name: string;
}

/** May run reports: the routes take the report scope, and admin (docs/api.md). */
export const mayReport = (session: Session): boolean =>
  isAdmin(session) || session.scopes.includes('report');

/**
 * The Reports page's state: the period and breakdown, the report job, and the finished
 * report's page. It lives as long as the sign-in, so going to the board and back keeps a
 * running report.
 */
export class ReportsStore {
  readonly period = signal<PeriodForm>(DEFAULT_PERIOD);
  readonly by = signal<ReportBy | null>(null);
  /** Why the latest "Run report" was not sent. */
  readonly refusal = signal<readonly RequestProblem[] | null>(null);
  readonly page = signal<ReportPage>({ kind: 'none' });
  readonly run: JobRun<ReportSummary>;
  readonly mayRun: boolean;
  /** A team-limited token's teams: its reports count only their tickets. */
  readonly teams: readonly string[] | null;
  private prefilled = false;

  constructor(
    private readonly api: ReportsApi,
    session: Session,
    private readonly unauthorized: () => void = () => undefined,
    schedule?: Schedule,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.mayRun = mayReport(session);
    this.teams = session.teams;
    this.run = new JobRun(
      { job: (id) => api.reportJob(id), cancel: (id) => api.cancelReport(id) },
      { failure: reportFailure, failedSilently: 'The report failed; the gateway did not say why.' },
      unauthorized,
      schedule,
    );
  }

  dispose(): void {
    this.run.dispose();
  }

  /**
   * Fills the form from the page's address (a digest's link: `from`, `to`, `by`), once: going
   * to the board and back keeps what was chosen since.
   */
  prefill(search: string): void {
    if (this.prefilled) return;
    this.prefilled = true;
    const link = parseReportLink(search);
    if (link.period) this.setPeriod(link.period);
    if (link.by) this.by.value = link.by;
  }

  setPeriod(period: PeriodForm): void {
    this.period.value = period;
    this.refusal.value = null;
  }

  /** Starts a report over the period, unless the page can tell it would be refused. */
  async startRun(): Promise<void> {
    if (!this.mayRun || this.run.busy) return;
    const period = reportPeriod(this.period.value, this.now());
    if (!period.ok) {
      this.refusal.value = period.problems;
      return;
    }
    this.refusal.value = null;
    this.page.value = { kind: 'none' };
    const by = this.by.value;
    await this.run.begin(() =>
      this.api.startReport({
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        ...(by === null ? {} : { by }),
      }),
    );
  }

  /** Fetches the finished report's page for the iframe, once per job. */
  async showReport(id: string): Promise<void> {
    const page = this.page.value;
    if (page.kind !== 'none' && page.kind !== 'failed' && page.id === id) return;
    this.page.value = { kind: 'loading', id };
    let next: ReportPage;
    try {
      next = {
        kind: 'shown',
        id,
        html: await (await this.api.reportFile(id, 'report.html')).text(),
      };
    } catch (error) {
      this.noteUnauthorized(error);
      next = { kind: 'failed', id, failure: reportFailure(error) };
    }
    // A newer run may have started meanwhile: its page is the one wanted.
    const now = this.page.value;
    if (now.kind === 'loading' && now.id === id) this.page.value = next;
  }

  /** A finished report as a file to save, named as the gateway names it. */
  async file(id: string, file: ReportFile): Promise<SavedFile> {
    try {
      const blob = await this.api.reportFile(id, file);
      return { blob, name: `slawatch-${file.replace('.', `-${id}.`)}` };
    } catch (error) {
      this.noteUnauthorized(error);
      throw error;
    }
  }

  private noteUnauthorized(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) this.unauthorized();
  }
}
