import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { fromGlobalId } from '../../common/graphql/global-id.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import { Node } from '../../common/graphql/node.interface.js';

/** `node(id)`: any object of the caller's organization that they may see; null for every other id. */
@Resolver(() => Node)
export class NodeResolver {
  constructor(private readonly nodes: NodeRegistry) {}

  @Allow(Permission.ORGANIZATION_READ)
  @Query(() => Node, { nullable: true })
  async node(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    return parsed ? this.nodes.load(caller, parsed.type, parsed.id) : null;
  }
}
