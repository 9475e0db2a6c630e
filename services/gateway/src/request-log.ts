import type { FastifyBaseLogger, FastifyRequest } from 'fastify';

/** `/api/v1/live?access_token=abc&x=1` → `/api/v1/live?access_token=[redacted]&x=1`. */
export const redactUrl = (url: string): string =>
  url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');

/**
 * The logger fastify logs requests with: its `req` serializer is fastify's own but for
 * the URL, whose `access_token` (the live stream's token, for browsers) is redacted. The
 * logger's redaction paths cannot do it: they replace whole fields, not part of a URL.
 */
export const requestLogger = (logger: FastifyBaseLogger): FastifyBaseLogger =>
  logger.child(
    {},
    {
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
  );
