/**
 * One sorted set's entries from `start`, at most `count`, in its order, as a flat
 * `[member, score, ...]` reply.
 */
export type SetPage = (start: number, count: number) => Promise<string[]>;

/**
 * Several sorted sets read as one, in score order (`descending` for newest first): each
 * call answers the next `count` entries of the merge, reading from each set only what the
 * merge may need (`count` more when its buffer runs short). Members come back as
 * `<source index>\n<member>`, so a reader knows whose set an entry is from. For the lists
 * kept per metric lane (metrics/ticket-sets.ts), read in one order whatever the lanes.
 * Calls must come one after another: the merge keeps its place between them.
 */
export function mergedPages(sources: readonly SetPage[], descending: boolean) {
  const buffers = sources.map(() => [] as [member: string, score: number][]);
  const read = sources.map(() => 0);
  const done = sources.map(() => false);
  const before = (a: number, b: number) => (descending ? a > b : a < b);
  const fill = async (i: number, count: number) => {
    if (done[i] || buffers[i]!.length >= count) return;
    const flat = await sources[i]!(read[i]!, count);
    read[i]! += flat.length / 2;
    if (flat.length / 2 < count) done[i] = true;
    for (let j = 0; j < flat.length; j += 2) buffers[i]!.push([flat[j]!, Number(flat[j + 1])]);
  };
  return async (_offset: number, count: number): Promise<string[]> => {
    await Promise.all(sources.map((_, i) => fill(i, count)));
    const out: string[] = [];
    while (out.length / 2 < count) {
      let best = -1;
      for (let i = 0; i < buffers.length; i++) {
        const head = buffers[i]![0];
        if (head && (best < 0 || before(head[1], buffers[best]![0]![1]))) best = i;
      }
      if (best < 0) break;
      const [member, score] = buffers[best]!.shift()!;
      out.push(`${best}\n${member}`, String(score));
      // A source whose buffer ran out may hold more, to be merged before going on.
      if (buffers[best]!.length === 0) await fill(best, count);
    }
    return out;
  };
}

/** The source index and member of a merged entry. */
export function mergedMember(entry: string): readonly [source: number, member: string] {
  const nl = entry.indexOf('\n');
  return [Number(entry.slice(0, nl)), entry.slice(nl + 1)];
}
