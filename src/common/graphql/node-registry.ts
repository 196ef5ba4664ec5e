import { Global, Injectable, Module } from '@nestjs/common';
import type { Caller } from '../context/request-context.js';
import type { NodeType } from './global-id.js';
import type { Node } from './node.interface.js';

/** Loads one object of a type for `node(id)`: null when the caller may not see it, or it is not theirs. */
export type NodeLoader = (caller: Caller, id: string) => Promise<Node | null>;

/**
 * What `node(id)` can fetch: each module adds the loader of its types when it starts, so
 * that a new type needs no change outside its own module.
 */
@Injectable()
export class NodeRegistry {
  private readonly loaders = new Map<NodeType, NodeLoader>();

  register(type: NodeType, loader: NodeLoader): void {
    if (this.loaders.has(type)) throw new Error(`Two node loaders for ${type}`);
    this.loaders.set(type, loader);
  }

  load(caller: Caller, type: string, id: string): Promise<Node | null> {
    const loader = this.loaders.get(type as NodeType);
    return loader ? loader(caller, id) : Promise.resolve(null);
  }
}

@Global()
@Module({ providers: [NodeRegistry], exports: [NodeRegistry] })
export class NodeRegistryModule {}
