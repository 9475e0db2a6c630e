import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * Default metrics that are gauges named like counters, which `promtool check metrics`
 * rejects; the handle and request counts they give are in no dashboard we ship.
 */
const LINTED_OUT = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Adds Node's standard process metrics (CPU, memory, event-loop lag, heap, GC) to
 * `registry`, less the few `promtool` rejects. Once per process's exposition: two
 * registries both collecting them would expose each family twice.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of LINTED_OUT) registry.removeSingleMetric(name);
}

/** What runs in a process, for `slawatch_build_info`. */
export interface ProcessIdentity {
  readonly version: string;
  readonly services: readonly string[];
}

/**
 * The registry a slawatch process exposes (on the gateway's `/metrics` or the ops
 * endpoint): the process metrics once, and `slawatch_build_info{version,service}` = 1 for
 * every service it runs. The services register their own metrics on it.
 */
export function createProcessRegistry(identity: ProcessIdentity): Registry {
  const registry = new Registry();
  collectProcessMetrics(registry);
  const info = new Gauge({
    name: 'slawatch_build_info',
    help: 'Always 1: the slawatch version and each service this process runs, as labels.',
    labelNames: ['version', 'service'],
    registers: [registry],
  });
  for (const service of identity.services) info.set({ version: identity.version, service }, 1);
  return registry;
}
