import * as z from 'zod';
import {
  comparisonSteps,
  loadPolicyDocument,
  parsePolicyDocument,
  parseSpan,
  type PolicySet,
} from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { apiError, invalidRequest, pathWithin, type RequestProblem } from '../errors.js';
import type { JobRunner, JobWork } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import { bodyInstant } from './body-instant.js';
import { cancelJob, jobParams, visibleJob } from './job-routes.js';
import { POLICY_BODY_LIMIT } from './policy-routes.js';

const DEFAULT_SPAN = '7d';
const iso = (t: number) => new Date(t).toISOString();

/** A backtest's work: fold every ticket under both documents and compare (core). */
const backtestWork = (
  current: PolicySet,
  candidate: PolicySet,
  window: { from: number; until: number; teams: readonly string[] | null },
): JobWork<unknown> => ({
  kind: 'backtest',
  stage: 'comparing',
  *steps(history) {
    const report = yield* comparisonSteps(history.byTicket, current, candidate, window);
    return {
      ...report,
      from: iso(report.from),
      until: iso(report.until),
      rejected: history.rejected,
    };
  },
});

/**
 * What-if backtests as background jobs (admin scope): `POST /backtest` starts one over the
 * events topic's history, `GET /backtest/{id}` answers its progress and then its report,
 * `DELETE /backtest/{id}` cancels it (docs/api.md, "Backtests").
 */
export const backtestRoutes =
  (
    runner: JobRunner,
    jobs: JobStore,
    current: PolicySet,
    now: () => number,
  ): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.post(
      '/backtest',
      {
        config: { scope: 'admin' },
        bodyLimit: POLICY_BODY_LIMIT + 4096,
        schema: {
          summary:
            'Starts a what-if backtest of a candidate policy document over the events topic (a background job)',
          tags: ['backtest'],
          body: z.strictObject({
            policies: z.union([z.record(z.string(), z.unknown()), z.string()]),
            from: z.string().optional(),
            since: z.string().optional(),
            until: z.string().optional(),
          }),
        },
      },
      async (request, reply) => {
        const { body } = request;
        const loaded =
          typeof body.policies === 'string'
            ? parsePolicyDocument(body.policies)
            : loadPolicyDocument(body.policies);
        if (!loaded.ok)
          throw apiError('SLW_POLICY_INVALID').withProblems(
            loaded.problems.map((p) => ({
              path: pathWithin('body.policies', p.path),
              message: p.message,
            })),
          );
        const problems: RequestProblem[] = [];
        if (body.from !== undefined && body.since !== undefined)
          problems.push({ path: 'body.from', message: 'give either from or since, not both' });
        const span = parseSpan(body.from ?? DEFAULT_SPAN);
        if (span === null)
          problems.push({
            path: 'body.from',
            message: `must be a span such as 90m, 12h or 7d, got ${JSON.stringify(body.from)}`,
          });
        const since = bodyInstant('body.since', body.since, problems);
        const until = bodyInstant('body.until', body.until, problems) ?? now();
        const from = since ?? until - (span ?? 0);
        if (problems.length === 0 && from >= until)
          problems.push({
            path: body.since === undefined ? 'body.from' : 'body.since',
            message: `the window is empty: it must start before ${new Date(until).toISOString()}`,
          });
        if (problems.length > 0) throw invalidRequest(problems);
        const teams = visibleTeams(request);
        const job = await runner.start(
          backtestWork(current, loaded.policySet, { from, until, teams }),
          { from, until, teams, requestedBy: request.principal?.name ?? 'unknown' },
        );
        return reply.code(202).header('location', `/api/v1/backtest/${job.id}`).send(job);
      },
    );

    api.get(
      '/backtest/:id',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'A backtest job: its progress while running, then its report or its error',
          tags: ['backtest'],
          params: jobParams,
        },
      },
      (request) => visibleJob(jobs, 'backtest', request.params.id, request, now()),
    );

    api.delete(
      '/backtest/:id',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Cancels a running backtest job',
          tags: ['backtest'],
          params: jobParams,
        },
      },
      async (request, reply) => {
        await cancelJob(jobs, 'backtest', request.params.id, request, now());
        return reply.code(204).send();
      },
    );
    done();
  };
