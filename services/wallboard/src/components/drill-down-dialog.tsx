import { useEffect, useMemo } from 'preact/hooks';
import type { ClockKind, OpenStatus } from '@slawatch/wire';
import { clockName } from '../api/clock-kind';
import { formatClockTime } from '../format/format-clock-time';
import type { DrillRequest, ReadRoute } from '../drill-down/drill-query';
import { drillCount, type DrillTarget, type Outcome } from '../drill-down/drill-target';
import {
  listCaption,
  listTitle,
  OUTCOME_CHOICES,
  STATUS_CHOICES,
  windowNote,
} from '../drill-down/drill-words';
import { DrillDownList } from '../state/drill-down-list';
import { DrillDownTable } from './drill-down-table';
import { FailureAlert } from './failure-alert';
import { ModalDialog } from './modal-dialog';

export interface DrillDownDialogProps {
  readonly request: DrillRequest;
  readonly readRoute: ReadRoute;
  /** The helpdesk's ticket page (`alerting.ticketUrl`); ids are plain text without it. */
  readonly ticketUrl: string | null;
  readonly onClose: () => void;
  /** The gateway no longer takes the token (401). */
  readonly unauthorized?: () => void;
}

/** The narrowing the list offers: a status of the backlog, a clock kind, an outcome. */
function Choices({ list }: { readonly list: DrillDownList }) {
  const target = list.target.value;
  const clocks = list.request.clocks;
  if (target.list === 'backlog')
    return (
      <label class="control">
        <span>Status</span>
        <select
          name="status"
          value={target.status ?? ''}
          onChange={(e) => {
            const status = (e.currentTarget.value || null) as OpenStatus | null;
            list.choose({ list: 'backlog', status });
          }}
        >
          {STATUS_CHOICES.map((c) => (
            <option key={c.label} value={c.value ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    );
  if (target.list !== 'breaches' && target.list !== 'outcomes') return null;
  // The kind the list was opened with is offered even where the figures lack it.
  const kinds =
    target.clock === null || clocks.includes(target.clock) ? clocks : [...clocks, target.clock];
  const withClock = (clock: ClockKind | null): DrillTarget =>
    target.list === 'breaches' ? { list: 'breaches', clock } : { ...target, clock };
  return (
    <>
      <label class="control">
        <span>Clock</span>
        <select
          name="clock"
          value={target.clock ?? ''}
          onChange={(e) => list.choose(withClock((e.currentTarget.value || null) as ClockKind))}
        >
          <option value="">Every clock</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {clockName(kind)}
            </option>
          ))}
        </select>
      </label>
      {target.list === 'outcomes' && (
        <label class="control">
          <span>Outcome</span>
          <select
            name="outcome"
            value={target.outcome ?? ''}
            onChange={(e) =>
              list.choose({
                ...target,
                outcome: (e.currentTarget.value || null) as Outcome | null,
              })
            }
          >
            {OUTCOME_CHOICES.map((c) => (
              <option key={c.label} value={c.value ?? ''}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

/** How much of the list is shown, where it starts and when it was read. */
function Caption({ list }: { readonly list: DrillDownList }) {
  const page = list.page.value;
  if (page === null) return null;
  const target = list.target.value;
  const { since, values } = list.request;
  const shown = listCaption(target, page.rows.length, list.more.value, drillCount(target, values));
  const window = windowNote(target, since, page.from);
  return (
    <p class="hint" data-caption="">
      {shown} {window === '' ? '' : `${window} `}Read at {formatClockTime(page.at)}.
    </p>
  );
}

/**
 * The tickets behind a count, in a modal dialog: the list the count is kept with (so the
 * two agree), narrowed as the count was (the board's scope, an agent), the first 100 rows
 * and more on asking. Escape or Close closes it and focus goes back to what opened it.
 */
export function DrillDownDialog({
  request,
  readRoute,
  ticketUrl,
  onClose,
  unauthorized,
}: DrillDownDialogProps) {
  const list = useMemo(
    () => new DrillDownList(request, readRoute, unauthorized),
    [request, readRoute, unauthorized],
  );
  useEffect(() => {
    void list.load();
    return () => list.dispose();
  }, [list]);
  const target = list.target.value;
  const page = list.page.value;
  const problem = list.problem.value;
  const title = `${listTitle(target)} — ${request.whose}`;
  return (
    <ModalDialog title={title} onClose={onClose} wide>
      <div class="drill-down" data-list={target.list}>
        {(target.list === 'backlog' ||
          target.list === 'breaches' ||
          target.list === 'outcomes') && (
          <div class="form-row" role="group" aria-label="Which tickets">
            <Choices list={list} />
          </div>
        )}
        <Caption list={list} />
        {problem !== null && (
          <FailureAlert
            lead={page === null ? 'The list could not be read: ' : 'Not refreshed: '}
            failure={problem}
            marker={{ 'data-list-failed': '' }}
          />
        )}
        <div class="table-scroll drill-scroll">
          <DrillDownTable
            target={target}
            rows={page?.rows ?? (problem === null ? null : [])}
            ticketUrl={ticketUrl}
            label={title}
          />
        </div>
        <div class="dialog-actions">
          {list.more.value && (
            <button type="button" onClick={() => list.showMore()}>
              Show more
            </button>
          )}
          <button type="button" onClick={() => void list.load()}>
            Refresh
          </button>
          <span class="spacer" aria-live="polite">
            {list.loading.value && page !== null ? 'Loading…' : ''}
          </span>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
