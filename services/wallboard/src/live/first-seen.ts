/**
 * When this page first saw each entry of a list the gateway sends whole on every change
 * (null: it was there when the list first arrived), so that the entries that arrive while
 * someone watches can be highlighted. Only the latest list's entries are remembered.
 */
export class FirstSeen {
  private seen = new Map<string, number | null>();

  /** Forgets every entry: the next list is the first of a new view. */
  clear(): void {
    this.seen.clear();
  }

  /**
   * The first sighting of each of `keys` (a list's entries, in its order) at `seenAt`;
   * none is new when the list is the first of its view.
   */
  mark(keys: readonly string[], seenAt: number, firstOfView: boolean): (number | null)[] {
    const marks = keys.map((key) => {
      const known = this.seen.get(key);
      return known !== undefined ? known : firstOfView ? null : seenAt;
    });
    this.seen = new Map(keys.map((key, i) => [key, marks[i]!]));
    return marks;
  }
}
