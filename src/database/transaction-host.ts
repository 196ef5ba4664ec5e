import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/** The part of a node-postgres client that runs named (prepared) statements. */
interface PreparingClient {
  query<T>(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

/**
 * Gives repositories the entity manager of the transaction in progress, if any, so that
 * services can make several repositories' writes atomic without passing managers around.
 */
@Injectable()
export class TransactionHost {
  private readonly current = new AsyncLocalStorage<{
    manager: EntityManager;
    afterCommit: (() => void)[];
  }>();

  private readonly statementNames = new Map<string, string>();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  /** Whether the caller runs inside a transaction (whose effects are not committed yet). */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs a statement that every database connection parses and plans once, then keeps
   * under a name made from its text: for the few fixed statements each search runs. Only
   * fixed texts belong here, since each one takes memory on every connection.
   */
  async prepared<T>(text: string, values: unknown[]): Promise<T[]> {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `fw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    const inTransaction = this.current.getStore()?.manager.queryRunner;
    const runner = inTransaction ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PreparingClient;
      return (await client.query<T>({ name, text, values })).rows;
    } finally {
      if (!inTransaction) await runner.release();
    }
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  /** Runs `work` in a transaction; nested calls join the outer one. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    const afterCommit: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) =>
      this.current.run({ manager, afterCommit }, work),
    );
    afterCommit.forEach((callback) => callback());
    return result;
  }

  /** Calls `callback` once the current transaction commits (at once outside a transaction). */
  afterCommit(callback: () => void): void {
    const store = this.current.getStore();
    if (store) store.afterCommit.push(callback);
    else callback();
  }
}
