import * as z from 'zod';
import type { FastifyRequest } from 'fastify';
import { visibleTeams } from '../auth/authenticate.js';
import { withinTeams } from '../auth/within-teams.js';
import { apiError } from '../errors.js';
import type { JobKind, JobRecord } from '../jobs/job-record.js';
import type { JobStore } from '../jobs/job-store.js';

/** A job id in a path: `bt_…` (a backtest) or `rp_…` (a report). */
export const jobParams = z.object({ id: z.string().regex(/^(bt|rp)_[A-Za-z0-9_-]{1,64}$/) });

/**
 * The job `id` of `kind` as the caller may see it: 404 when unknown or expired, of another
 * kind (a report's id under `/backtest`), or run by a token of wider teams than the caller's.
 */
export async function visibleJob(
  jobs: JobStore,
  kind: JobKind,
  id: string,
  request: FastifyRequest,
  now: number,
): Promise<JobRecord> {
  const job = await jobs.get(id, now);
  if (job === null || job.kind !== kind || !withinTeams(visibleTeams(request), job.teams))
    throw apiError('SLW_JOB_NOT_FOUND', id);
  return job;
}

/** Cancels the job `id` of `kind` if the caller may see it and it still runs (else 404/409). */
export async function cancelJob(
  jobs: JobStore,
  kind: JobKind,
  id: string,
  request: FastifyRequest,
  now: number,
): Promise<void> {
  const job = await visibleJob(jobs, kind, id, request, now);
  if (job.state !== 'running') throw apiError('SLW_JOB_FINISHED', id, job.state);
  await jobs.cancel(id);
}
