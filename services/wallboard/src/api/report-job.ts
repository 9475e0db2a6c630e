import { read } from './json-reader';
import { parseJob, type Job } from './job';

/**
 * What the Reports page reads of a report's JSON: its period and size. The figures
 * themselves it shows as the gateway renders them (`report.html`), so it reads no more.
 */
export interface ReportSummary {
  readonly from: number;
  readonly to: number;
  /** The dimension of the rows; null for the overall figures only. */
  readonly by: string | null;
  readonly rows: number;
  readonly breachedCount: number;
}

export type ReportJob = Job<ReportSummary>;

export function parseReportSummary(value: unknown, path = 'result'): ReportSummary {
  const r = read.object(value, path);
  read.object(r.overall, `${path}.overall`);
  return {
    from: read.instant(r.from, `${path}.from`),
    to: read.instant(r.to, `${path}.to`),
    by: read.nullable(r.by, `${path}.by`, read.string),
    rows: read.array(r.rows, `${path}.rows`).length,
    breachedCount: read.number(r.breachedCount, `${path}.breachedCount`),
  };
}

/** Reads a report job (docs/api.md, "Reports"), throwing {@link MalformedAnswer} where it is not as documented. */
export const parseReportJob = (value: unknown): ReportJob => parseJob(value, parseReportSummary);
