import { parentPort, workerData } from 'node:worker_threads';
import { parsePolicyDocument } from '@slawatch/core';
import { createNotifier } from '@slawatch/alerter';
import { createKeys } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { connectRedis } from './connect-redis.js';

/**
 * bench:notify's notifier on a thread of its own (`--notifier=thread`): what
 * `slawatch run notifier` gives a deployment, a core for deliveries beside the alerter's.
 * Started with { redisUrl, prefix, policies, env }; answers 'ready', its busy time on
 * 'busy', and stops on 'stop'.
 */
const data = workerData as {
  redisUrl: string;
  prefix: string;
  policies: string;
  env: Record<string, string>;
};
const loaded = parsePolicyDocument(data.policies);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const redis = await connectRedis(data.redisUrl);
const notifier = createNotifier({
  redis,
  keys: createKeys(data.prefix),
  settings: loaded.policySet.alerting,
  env: data.env,
  log: createLogger('bench', 'warn'),
});
await notifier.start();
let since = performance.eventLoopUtilization();
parentPort!.postMessage('ready');
parentPort!.on('message', (message: 'busy' | 'stop') => {
  if (message === 'busy') {
    // How busy the thread was since the last time asked (event-loop active ms).
    const now = performance.eventLoopUtilization();
    parentPort!.postMessage({
      busyMs: Math.round(performance.eventLoopUtilization(now, since).active),
    });
    since = now;
    return;
  }
  void notifier
    .stop()
    .then(() => redis.quit())
    .then(() => parentPort!.postMessage('stopped'));
});
