import * as z from 'zod';
import {
  EVENT_TIME_RANGE_RULE,
  isAcceptedEventTime,
  loadPolicyDocument,
  parseInstant,
  parsePolicyDocument,
  parseSpan,
} from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { withinTeams } from '../auth/within-teams.js';
import type { BacktestJobs } from '../backtest/backtest-jobs.js';
import type { BacktestRunner } from '../backtest/backtest-runner.js';
import { apiError, invalidRequest, pathWithin, type RequestProblem } from '../errors.js';
import { POLICY_BODY_LIMIT } from './policy-routes.js';

const DEFAULT_SPAN = '7d';

/** An instant of the body, or a problem naming it. */
function instantOf(
  path: string,
  text: string | undefined,
  problems: RequestProblem[],
): number | undefined {
  if (text === undefined) return undefined;
  const t = parseInstant(text);
  if (t === null) problems.push({ path, message: 'must be an RFC 3339 date-time' });
  else if (!isAcceptedEventTime(t))
    problems.push({ path, message: `${EVENT_TIME_RANGE_RULE}, got ${JSON.stringify(text)}` });
  else return t;
  return undefined;
}

/**
 * What-if backtests as background jobs (admin scope): `POST /backtest` starts one over the
 * events topic's history, `GET /backtest/{id}` answers its progress and then its report,
 * `DELETE /backtest/{id}` cancels it (docs/api.md, "Backtests").
 */
export const backtestRoutes =
  (runner: BacktestRunner, jobs: BacktestJobs, now: () => number): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const jobParams = z.object({ id: z.string().regex(/^bt_[A-Za-z0-9_-]{1,64}$/) });

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
        const since = instantOf('body.since', body.since, problems);
        const until = instantOf('body.until', body.until, problems) ?? now();
        const from = since ?? until - (span ?? 0);
        if (problems.length === 0 && from >= until)
          problems.push({
            path: body.since === undefined ? 'body.from' : 'body.since',
            message: `the window is empty: it must start before ${new Date(until).toISOString()}`,
          });
        if (problems.length > 0) throw invalidRequest(problems);
        const job = await runner.start({
          candidate: loaded.policySet,
          from,
          until,
          teams: visibleTeams(request),
          requestedBy: request.principal?.name ?? 'unknown',
        });
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
      async (request) => {
        const job = await jobs.get(request.params.id, now());
        if (job === null || !withinTeams(visibleTeams(request), job.teams))
          throw apiError('SLW_BACKTEST_NOT_FOUND', request.params.id);
        return job;
      },
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
        const { id } = request.params;
        const job = await jobs.get(id, now());
        if (job === null || !withinTeams(visibleTeams(request), job.teams))
          throw apiError('SLW_BACKTEST_NOT_FOUND', id);
        if (job.state !== 'running') throw apiError('SLW_BACKTEST_FINISHED', id, job.state);
        await jobs.cancel(id);
        return reply.code(204).send();
      },
    );
    done();
  };
