import * as z from 'zod';
import {
  periodReportSteps,
  REPORT_DIMENSIONS,
  reportCsv,
  reportFromJson,
  reportHtml,
  reportJson,
  type PolicySet,
  type ReportDimension,
  type ReportJson,
} from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { apiError, invalidRequest, type RequestProblem } from '../errors.js';
import type { JobRunner, JobWork } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import { bodyInstant } from './body-instant.js';
import { cancelJob, jobParams, visibleJob } from './job-routes.js';

/** A report's work: every ticket folded for the period and the one before (core). */
const reportWork = (
  policies: PolicySet,
  options: {
    from: number;
    to: number;
    by: ReportDimension | null;
    teams: readonly string[] | null;
  },
): JobWork<ReportJson> => ({
  kind: 'report',
  stage: 'computing',
  *steps(history) {
    const report = yield* periodReportSteps(history.byTicket, policies, options);
    return reportJson(report, history.rejected);
  },
});

/**
 * Period reports as background jobs (the `report` scope, or admin): `POST /reports`
 * starts one over the events topic's history, `GET /reports/{id}` answers its progress and
 * then the report as JSON, `/reports/{id}/report.html` and `report.csv` the same rendered,
 * `DELETE /reports/{id}` cancels it (docs/api.md, "Reports").
 */
export const reportRoutes =
  (
    runner: JobRunner,
    jobs: JobStore,
    policies: PolicySet,
    now: () => number,
  ): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.post(
      '/reports',
      {
        config: { scope: 'report' },
        bodyLimit: 4096,
        schema: {
          summary:
            'Starts a report of a closed period over the events topic (a background job): every figure, against the period before',
          tags: ['reports'],
          body: z.strictObject({
            from: z.string(),
            to: z.string(),
            by: z.enum(REPORT_DIMENSIONS).optional(),
          }),
        },
      },
      async (request, reply) => {
        const { body } = request;
        const problems: RequestProblem[] = [];
        const from = bodyInstant('body.from', body.from, problems);
        const to = bodyInstant('body.to', body.to, problems);
        if (from !== undefined && to !== undefined && from >= to)
          problems.push({
            path: 'body.to',
            message: `the period is empty: it must end after ${new Date(from).toISOString()}`,
          });
        if (problems.length > 0 || from === undefined || to === undefined)
          throw invalidRequest(problems);
        const teams = visibleTeams(request);
        const job = await runner.start(
          reportWork(policies, { from, to, by: body.by ?? null, teams }),
          { from, until: to, teams, requestedBy: request.principal?.name ?? 'unknown' },
        );
        return reply.code(202).header('location', `/api/v1/reports/${job.id}`).send(job);
      },
    );

    api.get(
      '/reports/:id',
      {
        config: { scope: 'report' },
        schema: {
          summary: 'A report job: its progress while running, then its report (JSON) or its error',
          tags: ['reports'],
          params: jobParams,
        },
      },
      (request) => visibleJob(jobs, 'report', request.params.id, request, now()),
    );

    api.get(
      '/reports/:id/:file',
      {
        config: { scope: 'report' },
        schema: {
          summary:
            'A finished report as a page (report.html, prints to PDF) or as CSV (report.csv)',
          tags: ['reports'],
          params: jobParams.extend({ file: z.enum(['report.html', 'report.csv']) }),
        },
      },
      async (request, reply) => {
        const { id, file } = request.params;
        const job = await visibleJob(jobs, 'report', id, request, now());
        if (job.state !== 'done' || job.result === undefined)
          throw apiError('SLW_JOB_NOT_DONE', id, job.state);
        const report = reportFromJson(job.result as ReportJson);
        return file === 'report.csv'
          ? reply
              .type('text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="slawatch-report-${id}.csv"`)
              .send(reportCsv(report))
          : reply
              .type('text/html; charset=utf-8')
              // The page has no script: nothing of it may run, whatever a value holds.
              .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
              .send(
                reportHtml(report, {
                  ticketUrl: policies.alerting.ticketUrl,
                  generatedAt: Date.parse(job.finishedAt ?? job.startedAt),
                }),
              );
      },
    );

    api.delete(
      '/reports/:id',
      {
        config: { scope: 'report' },
        schema: { summary: 'Cancels a running report job', tags: ['reports'], params: jobParams },
      },
      async (request, reply) => {
        await cancelJob(jobs, 'report', request.params.id, request, now());
        return reply.code(204).send();
      },
    );
    done();
  };
