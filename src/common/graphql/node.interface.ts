import { Field, ID, InterfaceType } from '@nestjs/graphql';
import { fromGlobalId } from './global-id.js';

@InterfaceType('Node', {
  description: 'An object with a global id, fetchable with `node(id)`.',
  // Objects are plain data; the global id names their type.
  resolveType: (value: { id: string }) => fromGlobalId(value.id)?.type,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
