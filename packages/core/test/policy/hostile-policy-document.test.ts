import { describe, expect, it } from 'vitest';
import { describeProblem, loadPolicyDocument, parsePolicyDocument } from '../../src/index.js';
import { MAX_POLICY_DOCUMENT_DEPTH } from '../../src/policy/document-depth.js';
import { MAX_YAML_ALIAS_COUNT } from '../../src/policy/parse-policy-document.js';

/** Nine aliases of nine, six deep: 9⁶ strings once expanded (a "billion laughs"). */
const ALIAS_BOMB = `
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`;

/** An alert route tree `depth` routes deep, as YAML. */
function nestedRoutes(depth: number): string {
  let text = 'policies: [{ id: p, targets: { firstResponse: 1h } }]\nalerting:\n  route:\n';
  let indent = '    ';
  for (let i = 0; i < depth; i++) {
    text += `${indent}routes:\n${indent}  - receivers: []\n`;
    indent += '    ';
  }
  return text;
}

const problemsOf = (text: string): string[] => {
  const r = parsePolicyDocument(text);
  if (r.ok) throw new Error('expected the document to be rejected');
  return r.problems.map(describeProblem);
};

describe('hostile policy documents', () => {
  it('refuses a YAML alias bomb, naming the alias limit', () => {
    expect(problemsOf(ALIAS_BOMB)).toEqual([
      `the YAML aliases (*name) expand too far: at most ${MAX_YAML_ALIAS_COUNT} alias nodes may be resolved (maxAliasCount)`,
    ]);
  });

  it('still reads a few aliases', () => {
    const r = parsePolicyDocument(
      'policies: [{ id: a, targets: &t { firstResponse: 1h } }, { id: b, targets: *t }]',
    );
    expect(r.ok ? 'ok' : r.problems).toEqual('ok');
  });

  it('refuses a route tree nested 1,000 deep, naming where and the depth limit', () => {
    let route: object = { receivers: [] };
    for (let i = 0; i < 1_000; i++) route = { routes: [route] };
    const r = loadPolicyDocument({ policies: [], alerting: { route } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(describeProblem(r.problems[0]!)).toMatch(
      new RegExp(
        `^alerting\\.route(\\.routes|\\[0\\])+: nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels of lists and maps`,
      ),
    );
  });

  it('refuses the same tree as YAML with the line where it goes too deep', () => {
    const [problem, ...rest] = problemsOf(nestedRoutes(1_000));
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      new RegExp(
        `^(alerting\\.route(\\.routes|\\[0\\])+|line \\d+, column \\d+): (lists and maps )?nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels`,
      ),
    );
  });

  it('takes a route tree 30 deep', () => {
    const r = parsePolicyDocument(nestedRoutes(30));
    expect(r.ok ? 'ok' : r.problems).toEqual('ok');
  });

  it('refuses flow collections nested 100,000 deep before parsing them, with the line and column', () => {
    const text = `policies: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(problemsOf(text)).toEqual([
      `line 1, column ${11 + MAX_POLICY_DOCUMENT_DEPTH}: lists and maps nested deeper than ${MAX_POLICY_DOCUMENT_DEPTH} levels`,
    ]);
  });

  it('refuses a decoded (JSON) document nested too deep without overflowing the stack', () => {
    let route: object = { receivers: [] };
    for (let i = 0; i < 100_000; i++) route = { routes: [route] };
    const r = loadPolicyDocument({ policies: [], alerting: { route } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/nested deeper than/);
  });
});
