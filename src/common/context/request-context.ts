import DataLoader from 'dataloader';
import { Role } from '../auth/role.js';

/** The signed-in caller, as the auth guard established it for this request. */
export interface Caller {
  userId: string;
  organizationId: string;
  role: Role;
  teamId: string | null;
  sessionId: string;
  /**
   * Set for a system integration (the phone system's presence feed) instead of a person:
   * its permissions are INTEGRATION_GRANTS alone, whatever `role` says, and `userId` is the
   * integration's id, no user's.
   */
  integrationId?: string;
}

/** Per-request state: id for the logs, caller, address, and this request's DataLoaders. */
export class RequestContext {
  caller?: Caller;
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /**
   * @param cacheLoaders false for a WebSocket's context, which lives as long as the socket:
   * its loaders still batch, but remember nothing from one message to the next.
   */
  constructor(
    readonly requestId: string,
    readonly address: string,
    private readonly cacheLoaders = true,
  ) {}

  /** One DataLoader per name per request, so a list's relations load in one query. */
  loader<V>(
    name: string,
    batch: (keys: readonly string[]) => Promise<(V | null)[]>,
  ): DataLoader<string, V | null> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>(batch, { cache: this.cacheLoaders });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<string, V | null>;
  }
}

/** Orders `rows` to match `keys`, with null where a key has no row. */
export function byKeys<V extends { id: string }>(keys: readonly string[], rows: V[]): (V | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}
