import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startService, type ServiceProcess } from './service-process.js';

const WALLBOARD = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

export type GatewayProcess = ServiceProcess;

/**
 * `slawatch run gateway` as its own process, as an operator runs it, serving the built
 * wallboard; resolves once it listens.
 */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  if (!existsSync(WALLBOARD))
    throw new Error(`${WALLBOARD} is missing: build the wallboard first (npm run build)`);
  return startService('gateway', 'gateway listening', env);
}
