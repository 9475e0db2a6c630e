import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { SCOPES } from '../auth/principal.js';
import { HttpError } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';

/** Token management, for admins. */
export const tokenRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/tokens',
      {
        config: { scope: 'admin' },
        schema: { summary: 'Every token (never its secret)', tags: ['tokens'] },
      },
      async () => ({ tokens: await deps.tokens.list() }),
    );

    api.post(
      '/tokens',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Creates a token; its secret is shown once',
          tags: ['tokens'],
          body: z.strictObject({
            name: z.string().min(1).max(200),
            scopes: z.array(z.enum(SCOPES)).min(1),
            teams: z.array(z.string().min(1)).min(1).optional(),
          }),
        },
      },
      async (request, reply) => {
        const { name, scopes, teams } = request.body;
        const { record, secret } = await deps.tokens.create(name, scopes, teams ?? null);
        return reply.status(201).send({ ...record, token: secret });
      },
    );

    api.delete(
      '/tokens/:id',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Revokes a token',
          tags: ['tokens'],
          params: z.object({ id: z.string().min(1).max(64) }),
        },
      },
      async (request, reply) => {
        if (!(await deps.tokens.revoke(request.params.id)))
          throw new HttpError(404, `no stored token "${request.params.id}"`);
        return reply.status(204).send();
      },
    );
    done();
  };
