import type { CreatedToken } from '@slawatch/wire';
import type { PolicyDocumentJson } from './policy-calendars';
import { parseSession, type Session } from './session';

/** An answer other than 2xx; `status` 0 when the gateway could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
    return this.request('POST', 'api/v1/tokens', body) as Promise<CreatedToken>;
  }

  /** The live stream's address: ws(s) on the same host, the token in the query. */
  liveUrl(): string {
    const url = new URL('api/v1/live', this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', this.token);
    return url.toString();
  }

  private async request(method: string, path: string, body?: object): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.base), {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError(0, 'the gateway could not be reached');
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error =
        typeof json === 'object' && json !== null && 'error' in json ? json.error : undefined;
      throw new ApiError(
        response.status,
        typeof error === 'string' ? error : `HTTP ${response.status}`,
      );
    }
    return json;
  }
}
