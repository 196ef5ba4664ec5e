import { Module } from '@nestjs/common';
import { NodeResolver } from './node.resolver.js';

/** `node(id)`, over the loaders each module registers (common/graphql/node-registry.ts). */
@Module({ providers: [NodeResolver] })
export class NodeModule {}
