import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, parsePolicyDocument } from '../../src/index.js';

const doc = (metrics: string) => `
policies:
  - id: any
    match: {}
metrics:
${metrics}`;

describe('the metrics section of the policy document', () => {
  it('defaults to the 15m, 1h, 24h and 7d windows and weights summing to 1', () => {
    const loaded = parsePolicyDocument('policies: []');
    expect(loaded.ok && loaded.policySet.metrics).toEqual(DEFAULT_METRICS_SETTINGS);
    const sum = Object.values(DEFAULT_METRICS_SETTINGS.qualityWeights).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('takes windows and quality weights', () => {
    const loaded = parsePolicyDocument(
      doc(`  windows: [5m, 8h]
  qualityWeights: { firstResponseAttainment: 0.5, resolutionAttainment: 0.5, fcrRate: 0, csatShare: 0, nps: 0, notReopened: 0 }`),
    );
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.policySet.metrics.windows).toEqual([
      { name: '5m', ms: 300_000 },
      { name: '8h', ms: 28_800_000 },
    ]);
  });

  it('lists every problem with its path', () => {
    const loaded = parsePolicyDocument(
      doc(`  windows: [15m, 90s, 40d]
  qualityWeights: { firstResponseAttainment: 0.5, resolutionAttainment: 0.6, fcrRate: 0, csatShare: 0, nps: 0, notReopened: 0 }`),
    );
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems;
    expect(problems.map((p) => p.path)).toEqual([
      'metrics.windows[1]',
      'metrics.windows[2]',
      'metrics.qualityWeights',
    ]);
    expect(problems[2]?.message).toBe('the quality weights must sum to 1, they sum to 1.1');
  });
});
