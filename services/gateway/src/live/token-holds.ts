interface Hold {
  connections: number;
  /** Its distinct views by key, with how many of its subscriptions share each. */
  readonly views: Map<string, number>;
}

/**
 * What each token holds on this gateway: its connections, and the distinct views its
 * subscriptions keep up to date (shared by its connections, counted once). The live
 * stream's per-token limits are checked against these; a token holding nothing is
 * forgotten.
 */
export class TokenHolds {
  private readonly holds = new Map<string, Hold>();

  connectionsOf(tokenId: string): number {
    return this.holds.get(tokenId)?.connections ?? 0;
  }

  connected(tokenId: string): void {
    this.holdOf(tokenId).connections++;
  }

  disconnected(tokenId: string): void {
    const hold = this.holds.get(tokenId);
    if (!hold) return;
    hold.connections--;
    this.forgetIfEmpty(tokenId, hold);
  }

  /**
   * Whether the token may subscribe to view `key` with at most `max` distinct views, the
   * subscription replacing one to view `replacing` (freed if it was the token's only one).
   */
  mayHold(tokenId: string, key: string, max: number, replacing?: string): boolean {
    const views = this.holds.get(tokenId)?.views;
    if (!views || views.has(key)) return true;
    const freed = replacing !== undefined && replacing !== key && views.get(replacing) === 1;
    return views.size - (freed ? 1 : 0) < max;
  }

  /** One more of the token's subscriptions shows view `key`. */
  subscribed(tokenId: string, key: string): void {
    const { views } = this.holdOf(tokenId);
    views.set(key, (views.get(key) ?? 0) + 1);
  }

  /** One fewer of the token's subscriptions shows view `key`. */
  unsubscribed(tokenId: string, key: string): void {
    const hold = this.holds.get(tokenId);
    if (!hold) return;
    const held = hold.views.get(key) ?? 0;
    if (held <= 1) hold.views.delete(key);
    else hold.views.set(key, held - 1);
    this.forgetIfEmpty(tokenId, hold);
  }

  private holdOf(tokenId: string): Hold {
    let hold = this.holds.get(tokenId);
    if (!hold) this.holds.set(tokenId, (hold = { connections: 0, views: new Map() }));
    return hold;
  }

  private forgetIfEmpty(tokenId: string, hold: Hold): void {
    if (hold.connections <= 0 && hold.views.size === 0) this.holds.delete(tokenId);
  }
}
