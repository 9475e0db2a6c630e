import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** The names of the worked examples in `dir` (`NAME.events.ndjson` beside `NAME.expected.json`). */
const examplesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.events.ndjson'))
    .map((f) => f.replace('.events.ndjson', ''))
    .sort();

/**
 * Runs one example through the CLI as a user would, and compares as
 * ../shared/tools/check-examples does: every expected field present and equal, lists of
 * the same length and order (toMatchObject), extra fields allowed.
 */
function checkExample(dir: string, name: string): void {
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
}

// The project's own worked examples (examples/, explained in examples/README.md).
const own = fileURLToPath(new URL('../../../examples/', import.meta.url));
const ownNames = examplesIn(own);

describe("the project's worked examples (examples/)", () => {
  it('cover the situations examples/README.md explains', () => {
    const explained = [...readFileSync(`${own}README.md`, 'utf8').matchAll(/^## (\S+)$/gm)].map(
      (m) => m[1],
    );
    expect(ownNames).toEqual(explained);
    // The docs and the README link these by name: they must keep existing under it.
    expect(ownNames).toEqual(
      expect.arrayContaining([
        '01-business-hours-roll-at-close',
        '02-dst-spring-forward',
        '03-holiday-special-hours',
        '04-next-response-cycles',
        '05-pause-and-reopen',
        '06-policy-change-mid-clock',
        '07-late-and-duplicate-delivery',
        '08-deletion',
      ]),
    );
  });

  it.each(ownNames)('%s', (name) => checkExample(own, name));
});

// The reference examples the project was written against (../shared/contract/examples).
const dir = fileURLToPath(new URL('../../../../shared/contract/examples/', import.meta.url));
// A plain clone has no ../shared: say so and skip, unless CI asks for it (.ci/run).
const shared = existsSync(dir);
if (!shared && process.env.SLAWATCH_REQUIRE_SHARED === '1')
  throw new Error(`${dir} is missing, and SLAWATCH_REQUIRE_SHARED=1 requires it`);
if (!shared)
  console.warn(`skipping the shared worked examples: ${dir} is not beside this repository`);
const names = shared ? examplesIn(dir) : [];

describe.skipIf(!shared)('the worked examples of the reference contract', () => {
  it('are all present', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)('%s', (name) => checkExample(dir, name));
});
