import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CATALOG, errorText, type ErrorArgs, type ErrorCode } from './error-catalog.js';

/** One bad field of a request: where (`query.window`, `body.events[2].time`) and why. */
export interface RequestProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A problem's path inside a request part: `body[3]` + `data.priority` →
 * `body[3].data.priority`, `body.policies` + `[0].id` → `body.policies[0].id`.
 */
export const pathWithin = (where: string, path: string): string =>
  path === '' ? where : path.startsWith('[') ? `${where}${path}` : `${where}.${path}`;

/** A 4xx a route throws on purpose: a catalog code, its status, and a message for the caller. */
export class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly RequestProblem[] = [],
  ) {
    super(message);
    this.statusCode = ERROR_CATALOG[code].status;
  }

  /** The same error, naming the bad fields. */
  withProblems(problems: readonly RequestProblem[]): HttpError {
    return new HttpError(this.code, this.message, problems);
  }
}

/** The catalog's error `code`, with its message made from `args`. */
export const apiError = <C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): HttpError =>
  new HttpError(code, errorText(code, ...args));

/** 400 naming each bad field. */
export const invalidRequest = (problems: readonly RequestProblem[]): HttpError =>
  apiError('SLW_REQUEST_INVALID').withProblems(problems);

/** The JSON body of an error answer. */
const body = (code: ErrorCode, error: string, problems?: readonly RequestProblem[]) => ({
  error,
  code,
  ...(problems?.length ? { problems } : {}),
});

/** `body` + `/events/2/time` → `body.events[2].time`. */
const formatPath = (where: string, instancePath: string): string =>
  instancePath
    .split('/')
    .filter((p) => p !== '')
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : `${out}.${p}`), where);

/**
 * Every error answers JSON `{error, code, problems?}` (docs/errors.md): validation failures
 * 400 with the path of each bad field, deliberate 4xx as thrown, unknown routes 404, and
 * anything else a 500 whose details go to the log only.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const problems = error.validation.map((v) => ({
        path: formatPath(where, v.instancePath),
        message: v.message ?? 'invalid',
      }));
      return reply
        .status(400)
        .send(body('SLW_REQUEST_INVALID', errorText('SLW_REQUEST_INVALID'), problems));
    }
    if (error instanceof HttpError)
      return reply.status(error.statusCode).send(body(error.code, error.message, error.problems));
    const status = error.statusCode ?? 500;
    // Fastify's own words ("Request body is too large") do not say how large is allowed.
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .status(413)
        .send(
          body(
            'SLW_REQUEST_TOO_LARGE',
            errorText(
              'SLW_REQUEST_TOO_LARGE',
              request.routeOptions.bodyLimit ?? 0,
              `${request.method} ${request.routeOptions.url ?? request.url}`,
            ),
          ),
        );
    // The rate limiter's 429, and the framework's own 4xx (a body that is not JSON, an
    // unsupported content type): their status and words, under a catalog code.
    const code = status === 429 ? 'SLW_RATE_LIMITED' : 'SLW_REQUEST_MALFORMED';
    if (status >= 400 && status < 500)
      return reply.status(status).send(body(code, errorText(code, error.message)));
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(body('SLW_INTERNAL_ERROR', errorText('SLW_INTERNAL_ERROR')));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        body(
          'SLW_ROUTE_NOT_FOUND',
          errorText('SLW_ROUTE_NOT_FOUND', request.method, request.url.split('?')[0] ?? '/'),
        ),
      ),
  );
}
