import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// The contract's worked examples (../shared/contract/examples), run through the CLI as
// ../shared/tools/check-examples does: every expected field must be present and equal.
const dir = fileURLToPath(new URL('../../../../shared/contract/examples/', import.meta.url));
// A plain clone has no ../shared: say so and skip, unless CI asks for it (.ci/run).
const shared = existsSync(dir);
if (!shared && process.env.SLAWATCH_REQUIRE_SHARED === '1')
  throw new Error(`${dir} is missing, and SLAWATCH_REQUIRE_SHARED=1 requires it`);
if (!shared)
  console.warn(`skipping the shared worked examples: ${dir} is not beside this repository`);
const names = (shared ? readdirSync(dir) : [])
  .filter((f) => f.endsWith('.events.ndjson'))
  .map((f) => f.replace('.events.ndjson', ''));

describe.skipIf(!shared)('the worked examples of the contract', () => {
  it('are all present', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)('%s', (name) => {
    const r = runCli([
      'simulate',
      '--policies',
      `${dir}policies.yaml`,
      '--events',
      `${dir}${name}.events.ndjson`,
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject(
      JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as object,
    );
  });
});
