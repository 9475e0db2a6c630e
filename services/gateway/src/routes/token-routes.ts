import type { CreatedToken } from '@slawatch/wire';
import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { SCOPES } from '../auth/principal.js';
import { withinTeams } from '../auth/within-teams.js';
import { apiError } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';

/** Token bodies are a name and a few lists: nothing near this size. */
const TOKEN_BODY_LIMIT = 16 * 1024;

/** Token management, for admins (a team-limited admin, within its teams). */
export const tokenRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/tokens',
      {
        config: { scope: 'admin' },
        schema: { summary: 'Every token (never its secret)', tags: ['tokens'] },
      },
      async (request) => {
        const limit = visibleTeams(request);
        return { tokens: (await deps.tokens.list()).filter((t) => withinTeams(limit, t.teams)) };
      },
    );

    api.post(
      '/tokens',
      {
        config: { scope: 'admin' },
        bodyLimit: TOKEN_BODY_LIMIT,
        schema: {
          summary:
            'Creates a token; its secret is shown once. A team-limited admin creates tokens limited to some of its teams',
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
        const limit = visibleTeams(request);
        if (!withinTeams(limit, teams ?? null))
          throw apiError('SLW_TOKEN_TEAMS_OUTSIDE').withProblems([
            {
              path: 'body.teams',
              message: `must be given and list only teams among ${limit!.join(', ')}`,
            },
          ]);
        const { record, secret } = await deps.tokens.create(name, scopes, teams ?? null);
        return reply.status(201).send({ ...record, token: secret } satisfies CreatedToken);
      },
    );

    api.delete(
      '/tokens/:id',
      {
        config: { scope: 'admin' },
        bodyLimit: TOKEN_BODY_LIMIT,
        schema: {
          summary: 'Revokes a token (a team-limited admin, only tokens within its teams)',
          tags: ['tokens'],
          params: z.object({ id: z.string().min(1).max(64) }),
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const limit = visibleTeams(request);
        // Another team's token answers like an unknown one: its existence is not shown.
        const visible =
          limit === null ||
          (await deps.tokens.list()).some((t) => t.id === id && withinTeams(limit, t.teams));
        if (!visible || !(await deps.tokens.revoke(id))) throw apiError('SLW_TOKEN_NOT_FOUND', id);
        return reply.status(204).send();
      },
    );
    done();
  };
