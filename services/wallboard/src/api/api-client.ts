import type { CreatedToken } from '@slawatch/wire';
import type { PolicyDocumentJson } from './policy-calendars';
import { readProblems, type RequestProblem } from './request-problem';
import { parseSession, type Session } from './session';

/** An answer other than 2xx; `status` 0 when the gateway could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The answer's stable `SLW_…` code (docs/errors.md), when it had one. */
    readonly code: string | null = null,
    /** Each bad field of the request by its path, when the answer names them. */
    readonly problems: readonly RequestProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type RequestBody = { readonly json: unknown } | { readonly yaml: string };

const TIMEOUT_MS = 15_000;

/**
 * The gateway's REST API, as this token. URLs are relative to the page, so the board works
 * unchanged behind a proxy that serves it under a path.
 */
export class ApiClient {
  constructor(
    readonly token: string,
    private readonly base: string = document.baseURI,
  ) {}

  session(): Promise<Session> {
    return this.request('GET', 'api/v1/session').then(parseSession);
  }

  policies(): Promise<PolicyDocumentJson> {
    return this.request('GET', 'api/v1/policies') as Promise<PolicyDocumentJson>;
  }

  createToken(body: {
    name: string;
    scopes: readonly string[];
    teams?: readonly string[];
  }): Promise<CreatedToken> {
    return this.request('POST', 'api/v1/tokens', { json: body }) as Promise<CreatedToken>;
  }

  /** The live stream's address: ws(s) on the same host, the token in the query. */
  liveUrl(): string {
    const url = new URL('api/v1/live', this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', this.token);
    return url.toString();
  }

  /**
   * Any route, answering its JSON: for the pages loaded on demand, which read their own
   * answers (the board's bundle then carries none of their code).
   */
  send(method: string, path: string, body?: RequestBody): Promise<unknown> {
    return this.request(method, path, body);
  }

  /**
   * A file route's answer as it is (a report's HTML or CSV), for the page to show or save;
   * its errors read as JSON like every other route's.
   */
  async file(path: string): Promise<Blob> {
    const response = await this.fetchOk('GET', path, '*/*');
    return response.blob();
  }

  private async request(method: string, path: string, body?: RequestBody): Promise<unknown> {
    const response = await this.fetchOk(method, path, 'application/json', body);
    // A 204 has no body, and a proxy's error page is not JSON: both read as null.
    return response.json().catch(() => null);
  }

  private async fetchOk(
    method: string,
    path: string,
    accept: string,
    body?: RequestBody,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.base), {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept,
          ...(body === undefined
            ? {}
            : { 'content-type': 'yaml' in body ? 'application/yaml' : 'application/json' }),
        },
        ...(body === undefined
          ? {}
          : { body: 'yaml' in body ? body.yaml : JSON.stringify(body.json) }),
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError(0, 'the gateway could not be reached');
    }
    if (response.ok) return response;
    const json: unknown = await response.json().catch(() => null);
    const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<
      string,
      unknown
    >;
    throw new ApiError(
      response.status,
      typeof fields.error === 'string' ? fields.error : `HTTP ${response.status}`,
      typeof fields.code === 'string' ? fields.code : null,
      readProblems(fields.problems),
    );
  }
}
