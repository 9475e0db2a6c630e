import { batch, computed, signal, type Signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import { drillFailure } from '../drill-down/drill-failure';
import {
  drillPath,
  FIRST_LIMIT,
  MAX_LIMIT,
  nextLimit,
  type DrillRequest,
  type ReadRoute,
} from '../drill-down/drill-query';
import { parseDrillAnswer, type DrillAnswer } from '../drill-down/drill-rows';
import type { DrillTarget } from '../drill-down/drill-target';
import type { JobFailure } from '../jobs/job-failure';

/** A list as answered, with the limit it was asked with and the instant it arrived. */
export interface ListedPage extends DrillAnswer {
  readonly limit: number;
  readonly at: number;
}

/**
 * The state of one drill-down dialog: which list (narrowed as chosen), how many rows were
 * asked for, the latest answer and why the latest request failed. "Show more" keeps the
 * rows shown until the longer list arrives.
 */
export class DrillDownList {
  readonly target: Signal<DrillTarget>;
  readonly limit = signal(FIRST_LIMIT);
  readonly page = signal<ListedPage | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<JobFailure | null>(null);
  /** The list may hold more than shown: it answered as many rows as asked for. */
  readonly more = computed(() => {
    const page = this.page.value;
    return page !== null && page.rows.length >= page.limit && page.limit < MAX_LIMIT;
  });
  private generation = 0;

  constructor(
    readonly request: DrillRequest,
    private readonly readRoute: ReadRoute,
    private readonly unauthorized: () => void = () => undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.target = signal(request.target);
  }

  /** The route the list shown is read from. */
  path(): string {
    const { filters, since } = this.request;
    return drillPath(this.target.value, filters, since, this.limit.value);
  }

  /** Another narrowing (a status, a clock kind, an outcome): the first page of it, at once. */
  choose(target: DrillTarget): void {
    batch(() => {
      this.target.value = target;
      this.limit.value = FIRST_LIMIT;
      this.page.value = null;
      this.problem.value = null;
    });
    void this.load();
  }

  showMore(): void {
    if (!this.more.value || this.loading.value) return;
    this.limit.value = nextLimit(this.limit.value);
    void this.load();
  }

  /** Stops listening for an answer on its way (the dialog closed). */
  dispose(): void {
    this.generation++;
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    const target = this.target.value;
    const limit = this.limit.value;
    this.loading.value = true;
    try {
      const answer = parseDrillAnswer(target, await this.readRoute(this.path()));
      if (generation !== this.generation) return;
      batch(() => {
        this.page.value = { ...answer, limit, at: this.clock() };
        this.problem.value = null;
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.value = drillFailure(error);
      if (error instanceof ApiError && error.status === 401) this.unauthorized();
    } finally {
      if (generation === this.generation) this.loading.value = false;
    }
  }
}
