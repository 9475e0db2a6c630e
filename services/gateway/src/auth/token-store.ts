import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '@slawatch/store';
import type { Principal, Scope } from './principal.js';

/** A token as configured or stored: never the secret itself, only its SHA-256. */
interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly teams: readonly string[] | null;
  readonly createdAt: string;
}

/** A token given in the configuration (SLAWATCH_ADMIN_TOKEN, SLAWATCH_TOKENS). */
export interface ConfiguredToken {
  readonly name: string;
  readonly secret: string;
  readonly scopes: readonly Scope[];
  readonly teams?: readonly string[] | null;
}

const principalOf = (r: TokenRecord): Principal => ({
  tokenId: r.id,
  name: r.name,
  scopes: r.scopes,
  teams: r.teams,
});

const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * API tokens: those of the configuration, and those admins create, stored in Redis as
 * SHA-256 digests (a leaked Redis dump reveals no usable token). A presented token is
 * looked up by its digest, so no secret is ever compared character by character.
 */
export class TokenStore {
  private readonly configured = new Map<string, TokenRecord>();

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    tokens: readonly ConfiguredToken[],
  ) {
    for (const t of tokens) {
      const hash = digest(t.secret);
      this.configured.set(hash, {
        id: `config-${hash.slice(0, 12)}`,
        name: t.name,
        scopes: t.scopes,
        teams: t.teams ?? null,
        createdAt: 'configuration',
      });
    }
  }

  async authenticate(secret: string): Promise<Principal | null> {
    const hash = digest(secret);
    const configured = this.configured.get(hash);
    if (configured) return principalOf(configured);
    const stored = await this.redis.hget(this.key, hash);
    return stored === null ? null : principalOf(JSON.parse(stored) as TokenRecord);
  }

  /** Which of these token ids still exist (configured ones always do): one Redis read. */
  async stillValid(ids: Iterable<string>): Promise<Set<string>> {
    const stored = new Set(
      Object.values(await this.redis.hgetall(this.key)).map(
        (text) => (JSON.parse(text) as TokenRecord).id,
      ),
    );
    const configured = new Set([...this.configured.values()].map((r) => r.id));
    return new Set([...ids].filter((id) => configured.has(id) || stored.has(id)));
  }

  /** Creates a token; its secret is returned once and never stored. */
  async create(
    name: string,
    scopes: readonly Scope[],
    teams: readonly string[] | null,
  ): Promise<{ record: TokenRecord; secret: string }> {
    const secret = `slw_${randomBytes(24).toString('base64url')}`;
    const hash = digest(secret);
    const record: TokenRecord = {
      id: hash.slice(0, 12),
      name,
      scopes,
      teams,
      createdAt: new Date().toISOString(),
    };
    await this.redis.hset(this.key, hash, JSON.stringify(record));
    return { record, secret };
  }

  /** Every token, configured and stored (never their secrets). */
  async list(): Promise<TokenRecord[]> {
    const stored = Object.values(await this.redis.hgetall(this.key)).map(
      (text) => JSON.parse(text) as TokenRecord,
    );
    return [...this.configured.values(), ...stored];
  }

  /** Revokes a stored token by id; false when there is none (configured ones stay). */
  async revoke(id: string): Promise<boolean> {
    for (const [hash, text] of Object.entries(await this.redis.hgetall(this.key)))
      if ((JSON.parse(text) as TokenRecord).id === id) {
        await this.redis.hdel(this.key, hash);
        return true;
      }
    return false;
  }
}
