import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `npm run build` puts the wallboard, beside this package (src/ and dist/ alike). */
export const DEFAULT_WALLBOARD_DIR = fileURLToPath(
  new URL('../../../wallboard/dist', import.meta.url),
);

/**
 * The wallboard's pages may load only their own files and talk only to this gateway; no
 * other site may frame them (a stolen click on a TV is unlikely, but costs nothing to stop).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the wallboard's static files at `/`. They hold no data and need no token: the
 * page asks for one and sends it with every API call. Hashed assets are cached for good;
 * `index.html` is revalidated, so a new version shows on the next load. Without a build
 * `/` says how to make one instead of a bare 404.
 */
export async function wallboardRoute(app: FastifyInstance, dir: string): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The wallboard is not built (no ${dir}/index.html): run \`npm run build\`.\n`),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // Only what the build made, and not the API's 404s: unknown paths fall through to them.
    wildcard: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader(
        'cache-control',
        path.includes(`${join(dir, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
}
