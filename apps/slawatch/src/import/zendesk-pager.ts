import { setTimeout as sleep } from 'node:timers/promises';

/** One page of Zendesk's time-based incremental ticket event export. */
export interface ZendeskPage {
  readonly ticketEvents: unknown[];
  /** The `start_time` of the next page (Zendesk's `end_time`). */
  readonly endTime: number;
  readonly nextPage: string | null;
  readonly endOfStream: boolean;
}

export interface PagerOptions {
  /** `https://<subdomain>.zendesk.com`, or a server of the same shape. */
  readonly baseUrl: string;
  /** The `Authorization` header value; never printed. */
  readonly authorization: string;
  /** Retries of a 5xx answer or a network failure, with doubling waits from 500 ms. */
  readonly retries: number;
  /** The longest `Retry-After` honoured on a 429, in seconds; longer ones are cut to it. */
  readonly maxRetryAfterSeconds: number;
  readonly log: (line: string) => void;
  /** Aborts waits between retries (Ctrl-C). */
  readonly signal: AbortSignal;
}

/** A failure the user can act on: the request, and what came back. */
export class ZendeskHttpError extends Error {
  override readonly name = 'ZendeskHttpError';
}

export const TICKET_EVENTS_PATH = '/api/v2/incremental/ticket_events.json';
/** 429s in a row before giving up. */
const MAX_RATE_LIMITED = 20;
/** Waiting when a 429 names no `Retry-After`. */
const DEFAULT_RETRY_AFTER_S = 10;

/** Reads the ticket event export page by page, with Zendesk's rate limits and retries. */
export class ZendeskPager {
  private readonly base: URL;

  constructor(private readonly options: PagerOptions) {
    this.base = new URL(options.baseUrl);
  }

  /** The URL of the page starting at `startTime` (Unix seconds). */
  firstUrl(startTime: number): string {
    const url = new URL(TICKET_EVENTS_PATH, this.base);
    url.searchParams.set('start_time', String(startTime));
    url.searchParams.set('include', 'comment_events');
    return url.toString();
  }

  /**
   * The URL of the page after `page`: its `next_page` when that is on the same server
   * (credentials go nowhere else), with the comment sideload kept; else built from `end_time`.
   */
  nextUrl(page: ZendeskPage): string {
    if (page.nextPage !== null && URL.canParse(page.nextPage)) {
      const next = new URL(page.nextPage);
      if (next.origin === this.base.origin) {
        if (!next.searchParams.has('include')) next.searchParams.set('include', 'comment_events');
        return next.toString();
      }
    }
    return this.firstUrl(page.endTime);
  }

  /** Fetches one page, waiting out 429s and retrying 5xx and network failures. */
  async fetch(url: string): Promise<ZendeskPage> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { authorization: this.options.authorization, accept: 'application/json' },
          signal: this.options.signal,
        });
      } catch (error) {
        if (this.options.signal.aborted) throw error;
        const reason =
          (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        failures += 1;
        if (failures > this.options.retries)
          throw new ZendeskHttpError(`GET ${url} failed: ${reason} (after ${failures} tries)`);
        await this.backoff(failures, `GET ${url} failed (${reason})`);
        continue;
      }
      if (response.status === 429) {
        rateLimited += 1;
        const header = Number(response.headers.get('retry-after'));
        const asked = Number.isFinite(header) && header >= 0 ? header : DEFAULT_RETRY_AFTER_S;
        const wait = Math.min(asked, this.options.maxRetryAfterSeconds);
        await response.body?.cancel();
        if (rateLimited > MAX_RATE_LIMITED)
          throw new ZendeskHttpError(
            `GET ${url}: still 429 Too Many Requests after ${MAX_RATE_LIMITED} waits`,
          );
        this.options.log(
          `rate limited (429): waiting ${wait} s as Retry-After says` +
            (wait < asked ? ` (${asked} s asked, capped at ${wait} s)` : ''),
        );
        await sleep(wait * 1000, undefined, { signal: this.options.signal });
        continue;
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        failures += 1;
        const what = `GET ${url} answered ${response.status} ${response.statusText}`.trim();
        if (failures > this.options.retries)
          throw new ZendeskHttpError(`${what} (after ${failures} tries)`);
        await this.backoff(failures, what);
        continue;
      }
      if (response.status !== 200) {
        const body = (await response.text().catch(() => '')).slice(0, 300).replace(/\s+/g, ' ');
        const hint =
          response.status === 401 || response.status === 403
            ? ' (check the email and token, and that the user is an admin: the export is for admins)'
            : '';
        throw new ZendeskHttpError(
          `GET ${url} answered ${response.status} ${response.statusText}${hint}` +
            (body === '' ? '' : `: ${body}`),
        );
      }
      return parsePage(url, await response.text());
    }
  }

  private async backoff(failures: number, what: string): Promise<void> {
    const ms = 500 * 2 ** (failures - 1);
    this.options.log(
      `${what}: retrying in ${ms / 1000} s (${failures} of ${this.options.retries})`,
    );
    await sleep(ms, undefined, { signal: this.options.signal });
  }
}

/** Reads a page of the export, checking the fields the pager relies on. */
export function parsePage(url: string, text: string): ZendeskPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ZendeskHttpError(`GET ${url} answered 200 with a body that is not JSON`);
  }
  const b = body as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.ticket_events))
    throw new ZendeskHttpError(`GET ${url} answered 200 without a ticket_events list`);
  if (typeof b.end_time !== 'number' || !Number.isSafeInteger(b.end_time))
    throw new ZendeskHttpError(`GET ${url} answered 200 without an end_time`);
  return {
    ticketEvents: b.ticket_events as unknown[],
    endTime: b.end_time,
    nextPage: typeof b.next_page === 'string' ? b.next_page : null,
    endOfStream: b.end_of_stream === true,
  };
}
