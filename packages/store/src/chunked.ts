/** `list` cut into consecutive parts of at most `size` items (none for an empty list). */
export function chunked<T>(list: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
  return parts;
}
