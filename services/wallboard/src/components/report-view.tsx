import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReportFile } from '../api/reports-api';
import type { JobFailure } from '../jobs/job-failure';
import { reportFailure } from '../reports/report-failure';
import { saveFile } from '../reports/save-file';
import type { ReportsStore } from '../state/reports-store';
import { BacktestFailed } from './backtest-failed';

/**
 * The frame inherits this page's CSP (`style-src 'self'`), which blocks the report's own
 * `<style>`; the same rules adopted through the CSSOM are not subject to it. Without this
 * the report still reads, unstyled.
 */
function adoptReportStyles(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const view = frame.contentWindow as (Window & typeof globalThis) | null;
  if (doc === null || view === null) return;
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync([...doc.querySelectorAll('style')].map((s) => s.textContent).join('\n'));
    doc.adoptedStyleSheets = [sheet];
  } catch {
    // A browser without constructable sheets shows the report unstyled.
  }
}

/**
 * The finished report as the gateway renders it, in a frame where nothing may run: the
 * page is the gateway's, but its values come from events that anyone with an ingest token
 * wrote. `allow-same-origin` lets this page print the frame, and `allow-modals` lets the
 * print dialog open; without `allow-scripts` neither lets the report do anything.
 */
export function ReportView({ store, id }: { readonly store: ReportsStore; readonly id: string }) {
  const page = store.page.value;
  const frame = useRef<HTMLIFrameElement>(null);
  const [saving, setSaving] = useState<ReportFile | null>(null);
  const [saveFailure, setSaveFailure] = useState<JobFailure | null>(null);
  useEffect(() => void store.showReport(id), [store, id]);

  const download = async (file: ReportFile) => {
    setSaving(file);
    setSaveFailure(null);
    try {
      saveFile(await store.file(id, file));
    } catch (error) {
      setSaveFailure(reportFailure(error));
    } finally {
      setSaving(null);
    }
  };

  return (
    <section class="panel report-view" aria-labelledby="report-view-heading" data-report-job={id}>
      <h2 id="report-view-heading">The report</h2>
      <div class="form-row">
        <button
          type="button"
          disabled={page.kind !== 'shown'}
          onClick={() => frame.current?.contentWindow?.print()}
        >
          Print / save as PDF
        </button>
        <button
          type="button"
          disabled={saving !== null}
          onClick={() => void download('report.html')}
        >
          Download HTML
        </button>
        <button
          type="button"
          disabled={saving !== null}
          onClick={() => void download('report.csv')}
        >
          Download CSV
        </button>
      </div>
      {saveFailure !== null && <BacktestFailed failure={saveFailure} />}
      {page.kind === 'loading' && <p role="status">Loading the report…</p>}
      {page.kind === 'failed' && <BacktestFailed failure={page.failure} />}
      {page.kind === 'shown' && (
        <iframe
          ref={frame}
          class="report-frame"
          title="The report"
          sandbox="allow-same-origin allow-modals"
          srcdoc={page.html}
          onLoad={(e) => adoptReportStyles(e.currentTarget)}
        />
      )}
    </section>
  );
}
