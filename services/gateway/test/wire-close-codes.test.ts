import { LIVE_CLOSE_CODES } from '@slawatch/wire';
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../src/live/close-codes.js';

describe('the live close codes', () => {
  it('are the ones @slawatch/wire promises clients, one for one', () => {
    const sent = Object.fromEntries(
      Object.entries(CLOSE).map(([name, close]) => [name, close.code]),
    );
    expect(sent).toEqual(LIVE_CLOSE_CODES);
  });
});
