import { Field, ID, InterfaceType } from '@nestjs/graphql';

@InterfaceType('Node', { description: 'An object with a global id, fetchable with `node(id)`.' })
export abstract class Node {
  @Field(() => ID)
  id: string;
}
