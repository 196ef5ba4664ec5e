import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

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

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  /** Whether the caller runs inside a transaction (whose effects are not committed yet). */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
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
