import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../src/index.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'slawatch-policy-')), 'policies.yaml');
  writeFileSync(path, text);
  return path;
};
const DOC = `
policies: [{ id: p, targets: { firstResponse: 1h } }]
alerting:
  receivers:
    - { id: hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET }
    - { id: pager, type: pagerduty, routingKeyEnv: PD_KEY }
`;

describe('loading the policy file at start', () => {
  it('refuses to start while a secret the receivers name is not set, listing each one', async () => {
    const path = file(DOC);
    await expect(loadPolicyFile(path, { HOOK_URL: 'http://127.0.0.1:1/hook' })).rejects.toThrow(
      `the policy document "${path}" is invalid:\n` +
        '  - alerting.receivers[0].secretEnv: environment variable HOOK_SECRET is not set\n' +
        '  - alerting.receivers[1].routingKeyEnv: environment variable PD_KEY is not set',
    );
  });

  it('starts when every one is set, and never puts a secret in the document it returns', async () => {
    const env = { HOOK_URL: 'http://127.0.0.1:1/hook', HOOK_SECRET: 's3cret', PD_KEY: 'k' };
    const loaded = await loadPolicyFile(file(DOC), env);
    expect(loaded.policySet.alerting.receivers).toHaveLength(2);
    expect(JSON.stringify(loaded.document)).not.toContain('s3cret');
  });

  it('refuses to start on a YAML alias bomb or a route tree nested 1,000 deep, saying why', async () => {
    const bomb = file(
      [
        '&a [x, x, x, x, x, x, x, x, x]',
        ...'bcdef'.split('').map((c, i) => `&${c} [${`*${'abcde'[i]}, `.repeat(9)}]`),
      ]
        .map((v, i) => `k${i}: ${v}`)
        .join('\n'),
    );
    await expect(loadPolicyFile(bomb, {})).rejects.toThrow(
      `the policy document "${bomb}" is invalid:\n  - the YAML aliases (*name) expand too far: at most 100 alias nodes may be resolved (maxAliasCount)`,
    );
    const deep = file(
      `policies: []\nalerting: { route: ${'{ routes: ['.repeat(1_000)}{}${']}'.repeat(1_000)} }`,
    );
    await expect(loadPolicyFile(deep, {})).rejects.toThrow(
      /is invalid:\n {2}- line 2, column \d+: lists and maps nested deeper than 64 levels$/,
    );
  });
});
