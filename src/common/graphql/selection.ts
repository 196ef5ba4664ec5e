import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks for any of `fields` directly under the field being resolved
 * (through fragments too): lets a resolver skip work nobody asked for.
 */
export function selectsAny(info: GraphQLResolveInfo, fields: string[]): boolean {
  const wanted = new Set(fields);
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((selection) => {
      if (selection.kind === 'Field') return wanted.has(selection.name.value);
      if (selection.kind === 'InlineFragment') return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
