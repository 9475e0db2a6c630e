import { describe, expect, it } from 'vitest';
import { binOf, sourceHistograms } from '../../src/index.js';

describe('sourceHistograms', () => {
  it('takes the first response, next response and resolution bins of summed metric fields, and nothing else', () => {
    const fields = new Map([
      [`fr.b${binOf(60_000)}`, 3],
      [`fr.b${binOf(600_000)}`, 1],
      ['fr.s', 780_000],
      [`nr.b${binOf(120_000)}`, 2],
      [`rs.b${binOf(3_600_000)}`, 5],
      [`es.b${binOf(60_000)}`, 9],
      ['frm', 4],
    ]);
    expect(sourceHistograms(fields)).toEqual({
      fr: new Map([
        [binOf(60_000), 3],
        [binOf(600_000), 1],
      ]),
      nr: new Map([[binOf(120_000), 2]]),
      rs: new Map([[binOf(3_600_000), 5]]),
    });
    expect(sourceHistograms(new Map())).toEqual({});
  });
});
