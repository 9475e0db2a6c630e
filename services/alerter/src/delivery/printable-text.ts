import { wellFormed } from './well-formed.js';

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text shown on one line (a mail subject, a line of a mail body) with its control
 * characters written out as JSON escapes (`T\n2` → `T\\n2`): a producer's line break in
 * a ticket id or team must not end the line and start a header or a fact of its own.
 * Lone surrogates become U+FFFD, which every transport can carry.
 */
export const printableText = (text: string): string =>
  wellFormed(text).replace(CONTROL, (c) => JSON.stringify(c).slice(1, -1));
