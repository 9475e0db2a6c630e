const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with lone surrogates (possible in a ticket id decoded from JSON `"\ud800"`)
 * replaced by U+FFFD: `encodeURIComponent` throws on them, and UTF-8 cannot carry them.
 */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');
