import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** One bad field of a request: where (`query.window`, `body.events[2].time`) and why. */
export interface RequestProblem {
  readonly path: string;
  readonly message: string;
}

/** A 4xx a route throws on purpose, with a message meant for the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly problems: readonly RequestProblem[] = [],
  ) {
    super(message);
  }
}

/** `body` + `/events/2/time` → `body.events[2].time`. */
const formatPath = (where: string, instancePath: string): string =>
  instancePath
    .split('/')
    .filter((p) => p !== '')
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : `${out}.${p}`), where);

/**
 * Every error answers JSON `{error, problems?}`: validation failures 400 with the path of
 * each bad field, deliberate 4xx as thrown, unknown routes 404, and anything else a 500
 * whose details go to the log only.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const problems = error.validation.map((v) => ({
        path: formatPath(where, v.instancePath),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send({ error: 'invalid request', problems });
    }
    if (error instanceof HttpError)
      return reply.status(error.statusCode).send({
        error: error.message,
        ...(error.problems.length ? { problems: error.problems } : {}),
      });
    const status = error.statusCode ?? 500;
    // Fastify's own words ("Request body is too large") do not say how large is allowed.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send({
        error: `the request body is larger than the limit of ${request.routeOptions.bodyLimit} bytes for ${request.method} ${request.routeOptions.url ?? request.url}`,
      });
    if (status >= 400 && status < 500) return reply.status(status).send({ error: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
