import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';

/**
 * Throws 403 for a token limited to teams: an event's team is its ticket's, which may be
 * another team's, so such a token could change tickets it may not even see.
 */
export function refuseTeamLimited(request: FastifyRequest): void {
  if (request.principal?.teams)
    throw apiError(
      'SLW_AUTH_TEAMS_LIMITED',
      'a token limited to teams cannot send events: give the producer a token of its own with the ingest scope and no teams',
    );
}
