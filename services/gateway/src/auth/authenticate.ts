import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError, type HttpError } from '../errors.js';
import { hasScope, type Principal, type Scope } from './principal.js';
import type { TokenStore } from './token-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The scope a route needs (every `/api` route declares one). */
    scope?: Scope;
    /**
     * The route also takes the token as `?access_token=`: browsers cannot set headers on
     * a WebSocket. Only where needed, since URLs end up in logs and histories (the
     * gateway's request log redacts it).
     */
    tokenInQuery?: boolean;
  }
}

/** The bearer token of the Authorization header, else (where allowed) of `access_token`. */
function presentedToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match) return match[1]!;
  if (!request.routeOptions.config.tokenInQuery) return null;
  const value = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The `onRequest` hook of every `/api` route: a bearer token is required (401 without a
 * valid one) and must carry the route's scope (403). It runs before the body is read, so
 * an anonymous caller cannot make the gateway buffer or parse anything.
 */
export function authenticate(tokens: TokenStore) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = presentedToken(request);
    const principal = token === null ? null : await tokens.authenticate(token);
    if (!principal) {
      void reply.header('www-authenticate', 'Bearer realm="slawatch"');
      throw apiError(token === null ? 'SLW_AUTH_TOKEN_REQUIRED' : 'SLW_AUTH_TOKEN_UNKNOWN');
    }
    request.principal = principal;
    const scope = request.routeOptions.config.scope ?? 'admin';
    if (!hasScope(principal, scope)) throw apiError('SLW_AUTH_SCOPE_MISSING', scope);
  };
}

/** The teams a request may see: null for every team. */
export const visibleTeams = (request: FastifyRequest): readonly string[] | null =>
  request.principal?.teams ?? null;

/** The answer for a ticket that does not exist, or that the request may not see. */
export const noTicket = (ticketId: string): HttpError => apiError('SLW_TICKET_NOT_FOUND', ticketId);

/**
 * Throws the very 404 of an unknown ticket unless the request may see tickets of `team`:
 * a team-limited token must not learn that another team's ticket exists.
 */
export function assertTicketVisible(
  request: FastifyRequest,
  ticketId: string,
  team: string | null,
): void {
  const teams = visibleTeams(request);
  if (teams !== null && (team === null || !teams.includes(team))) throw noTicket(ticketId);
}
