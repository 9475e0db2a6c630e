import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-client';
import type { BacktestJob } from '../src/api/backtest-job';
import type { ValidationAnswer } from '../src/api/validation-answer';
import type { BacktestWindowFields, CandidateDocument, WhatIfApi } from '../src/api/what-if-api';
import type { Session } from '../src/api/session';
import { MAX_DOCUMENT_BYTES, WhatIfStore } from '../src/state/what-if-store';

const session = (scopes: string[]): Session => ({
  name: 'ops',
  scopes,
  teams: null,
  windows: ['1h'],
  choices: { team: [], queue: [] },
});

const RUNNING: BacktestJob = {
  id: 'bt_1',
  state: 'running',
  startedAt: 0,
  finishedAt: null,
  progress: { stage: 'reading', done: 0, total: 0, etaSeconds: null },
  result: null,
  error: null,
};

/** The gateway as the page sees it; validation answers wait until the test releases them. */
function gateway() {
  const validations: {
    doc: CandidateDocument;
    answer: (a: ValidationAnswer | ApiError) => void;
  }[] = [];
  const started: { doc: CandidateDocument; window: BacktestWindowFields }[] = [];
  const api: WhatIfApi = {
    validatePolicies: (doc) =>
      new Promise((resolve, reject) =>
        validations.push({
          doc,
          answer: (a) => (a instanceof ApiError ? reject(a) : resolve(a)),
        }),
      ),
    policies: () => Promise.resolve({}),
    startBacktest: (doc, window) => {
      started.push({ doc, window });
      return Promise.resolve(RUNNING);
    },
    backtestJob: () => new Promise(() => undefined),
    cancelBacktest: () => Promise.resolve(),
  };
  return { api, validations, started };
}

const never = () => () => undefined;

describe('the What if… page state', () => {
  it('validates the text as it was sent, and drops a verdict on a text edited since', async () => {
    const g = gateway();
    const store = new WhatIfStore(g.api, session(['read']), undefined, never);
    store.setText('policies: []');
    const first = store.validate();
    expect(store.validation.value.kind).toBe('checking');
    expect(g.validations[0]!.doc).toEqual({ yaml: 'policies: []' });
    g.validations[0]!.answer({ valid: true, calendars: 0, policies: 0 });
    await first;
    expect(store.validation.value).toEqual({ kind: 'valid', calendars: 0, policies: 0 });

    const second = store.validate();
    store.setText('policies: [{}]');
    g.validations[1]!.answer({ valid: true, calendars: 0, policies: 0 });
    await second;
    expect(store.validation.value.kind).toBe('idle');
  });

  it('shows every problem, and says when the gateway could not check', async () => {
    const g = gateway();
    let signedOut = 0;
    const store = new WhatIfStore(g.api, session(['read']), () => signedOut++, never);
    store.setText('{"policies": [{}]}');
    const problems = [{ path: 'policies[0].id', message: 'is required' }];
    const checked = store.validate();
    expect(g.validations[0]!.doc).toEqual({ json: { policies: [{}] } });
    g.validations[0]!.answer({ valid: false, problems });
    await checked;
    expect(store.validation.value).toEqual({ kind: 'invalid', problems });

    const refused = store.validate();
    g.validations[1]!.answer(new ApiError(401, 'unknown or revoked token'));
    await refused;
    expect(store.validation.value.kind).toBe('error');
    expect(signedOut).toBe(1);
  });

  it('asks for a document before validating or running', async () => {
    const g = gateway();
    const store = new WhatIfStore(g.api, session(['admin']), undefined, never);
    await store.validate();
    expect(store.validation.value).toMatchObject({ kind: 'error' });
    await store.startRun();
    expect(store.refusal.value).toMatchObject({ field: 'document' });
    expect(g.validations).toHaveLength(0);
    expect(g.started).toHaveLength(0);
  });

  it('runs only for an admin token, over the window of the form', async () => {
    const reader = gateway();
    const readOnly = new WhatIfStore(reader.api, session(['read']), undefined, never);
    readOnly.setText('policies: []');
    expect(readOnly.mayRun).toBe(false);
    await readOnly.startRun();
    expect(reader.started).toHaveLength(0);

    const g = gateway();
    const store = new WhatIfStore(g.api, session(['admin']), undefined, never);
    store.setText('policies: []');
    store.setWindow({ ...store.window.value, span: '' });
    await store.startRun();
    expect(store.refusal.value).toMatchObject({
      field: 'window',
      problems: [{ path: 'body.from' }],
    });
    store.setWindow({ ...store.window.value, span: '24h' });
    expect(store.refusal.value).toBeNull();
    await store.startRun();
    expect(g.started).toEqual([{ doc: { yaml: 'policies: []' }, window: { from: '24h' } }]);
    expect(store.ranText.value).toBe('policies: []');
    expect(store.run.phase.value.kind).toBe('running');
    store.dispose();
  });

  it('reads an uploaded file into the editor, and refuses one larger than the gateway takes', async () => {
    const store = new WhatIfStore(gateway().api, session(['read']), undefined, never);
    const file = (name: string, text: string, size = text.length) => ({
      name,
      size,
      text: () => Promise.resolve(text),
    });
    expect(await store.loadFile(file('candidate.yaml', 'policies: []'))).toBeNull();
    expect(store.text.value).toBe('policies: []');
    expect(store.fileName.value).toBe('candidate.yaml');
    expect(await store.loadFile(file('huge.yaml', '', MAX_DOCUMENT_BYTES + 1))).toMatch(/1 MiB/);
    expect(store.text.value).toBe('policies: []');
    store.setText('edited');
    expect(store.fileName.value).toBeNull();
  });
});
