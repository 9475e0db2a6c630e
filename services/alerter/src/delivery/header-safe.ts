const utf8 = new TextEncoder();

/**
 * An id (a notification's, an alert's) as an HTTP or mail header value: every byte of its
 * UTF-8 outside printable ASCII, and space and `%`, percent-encoded (`Tïcket` →
 * `T%C3%AFcket`). Ids hold ticket ids, which producers choose: raw, a non-Latin-1
 * character made fetch refuse the request and a line break could add a header. Ids that
 * are already printable ASCII without `%` are unchanged, and `decodeURIComponent` gives
 * back the id of the JSON body (a lone surrogate, which UTF-8 cannot carry, becomes U+FFFD).
 */
export function headerSafe(id: string): string {
  let out = '';
  for (const char of id) {
    const code = char.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f && char !== '%') out += char;
    else
      for (const byte of utf8.encode(char))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
