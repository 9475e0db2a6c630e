import type { ApiClient } from './api-client';
import { parseReportJob, type ReportJob } from './report-job';

/** What a report may be broken down by (`POST /api/v1/reports`, `by`). */
export const REPORT_BY = [
  'team',
  'queue',
  'policy',
  'priority',
  'customerTier',
  'customerId',
  'assignee',
] as const;
export type ReportBy = (typeof REPORT_BY)[number];

/** `POST /api/v1/reports`'s body: the period, `from` included and `to` not. */
export interface ReportRequest {
  readonly from: string;
  readonly to: string;
  readonly by?: ReportBy;
}

/** A finished report's renderings. */
export type ReportFile = 'report.html' | 'report.csv';

/** The routes the Reports page uses (docs/api.md, "Reports"), their answers read. */
export interface ReportsApi {
  /** Starts a report job (report or admin scope); the job as first written. */
  startReport(request: ReportRequest): Promise<ReportJob>;
  reportJob(id: string): Promise<ReportJob>;
  cancelReport(id: string): Promise<void>;
  /** A finished report rendered; 409 `SLW_JOB_NOT_DONE` before. */
  reportFile(id: string, file: ReportFile): Promise<Blob>;
}

const jobPath = (id: string) => `api/v1/reports/${encodeURIComponent(id)}`;

/** {@link ReportsApi} over the gateway, as the signed-in token. */
export const reportsApi = (api: ApiClient): ReportsApi => ({
  startReport: (request) =>
    api.send('POST', 'api/v1/reports', { json: request }).then(parseReportJob),
  reportJob: (id) => api.send('GET', jobPath(id)).then(parseReportJob),
  cancelReport: async (id) => {
    await api.send('DELETE', jobPath(id));
  },
  reportFile: (id, file) => api.file(`${jobPath(id)}/${file}`),
});
