import * as z from 'zod';
import {
  EVENT_TIME_RANGE_RULE,
  isAcceptedEventTime,
  loadPolicyDocument,
  parseInstant,
  parsePolicyDocument,
  type PolicyLoad,
} from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { apiError, invalidRequest, pathWithin } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { runSimulation } from '../simulate/run-simulation.js';
import { DEFAULT_SIMULATE_LIMITS, type SimulateLimits } from '../simulate/simulate-limits.js';

/** The largest policy document `/policies/validate` reads (413 beyond). */
export const POLICY_BODY_LIMIT = 1024 * 1024;

/** A policy document given as JSON (an object) or as YAML text (`application/yaml`). */
const loadCandidate = (body: unknown): PolicyLoad =>
  typeof body === 'string' ? parsePolicyDocument(body) : loadPolicyDocument(body);

/** The policy document in force, validation of a candidate, and simulate. */
export const policyRoutes =
  (deps: GatewayDeps, limits: SimulateLimits = DEFAULT_SIMULATE_LIMITS): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    /** Simulations of this gateway in progress. */
    let running = 0;
    api.get(
      '/policies',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'The policy document in force (durations in milliseconds)',
          tags: ['policies'],
        },
      },
      () => deps.policyDocument,
    );

    api.post(
      '/policies/validate',
      {
        config: { scope: 'read' },
        // A policy document is a few kilobytes; this leaves room for thousands of policies.
        bodyLimit: POLICY_BODY_LIMIT,
        schema: {
          summary: 'Validates a candidate policy document (JSON, or YAML as application/yaml)',
          tags: ['policies'],
          body: z.unknown(),
        },
      },
      (request) => {
        const loaded = loadCandidate(request.body);
        return loaded.ok
          ? {
              valid: true,
              calendars: loaded.document.calendars.length,
              policies: loaded.document.policies.length,
            }
          : { valid: false, problems: loaded.problems };
      },
    );

    api.post(
      '/simulate',
      {
        config: { scope: 'read' },
        bodyLimit: limits.maxBytes,
        schema: {
          summary:
            'Runs the engine offline over the events given (docs/api.md, "The simulate document")',
          tags: ['simulate'],
          body: z.object({
            policies: z.union([z.record(z.string(), z.unknown()), z.string()]),
            events: z.array(z.unknown()).max(limits.maxEvents, {
              error: `must hold at most ${limits.maxEvents} events (SLAWATCH_SIMULATE_MAX_EVENTS)`,
            }),
            at: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { body } = request;
        const loaded = loadCandidate(body.policies);
        if (!loaded.ok)
          throw apiError('SLW_POLICY_INVALID').withProblems(
            loaded.problems.map((p) => ({
              path: pathWithin('body.policies', p.path),
              message: p.message,
            })),
          );
        const at = body.at === undefined ? undefined : parseInstant(body.at);
        if (at === null)
          throw invalidRequest([{ path: 'body.at', message: 'must be an RFC 3339 date-time' }]);
        // Like event times: an `at` in year 9999 would measure every clock up to it.
        if (at !== undefined && !isAcceptedEventTime(at))
          throw invalidRequest([
            {
              path: 'body.at',
              message: `${EVENT_TIME_RANGE_RULE}, got ${JSON.stringify(body.at)}`,
            },
          ]);
        // Slices of several simulations interleave: each more would slow every other request.
        if (running >= limits.maxConcurrent) throw apiError('SLW_SIMULATE_BUSY', running);
        running += 1;
        try {
          return await runSimulation(
            body.events.map((value) => ({ value })),
            loaded.policySet,
            at,
            limits,
          );
        } finally {
          running -= 1;
        }
      },
    );
    done();
  };
