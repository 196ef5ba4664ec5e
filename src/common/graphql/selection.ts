import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Calls `visit` for every field of the selection set, looking through fragments. */
function eachField(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  visit: (name: string, selectionSet: SelectionSetNode | undefined) => void,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') visit(selection.name.value, selection.selectionSet);
    else if (selection.kind === 'InlineFragment') eachField(info, selection.selectionSet, visit);
    else eachField(info, info.fragments[selection.name.value]?.selectionSet, visit);
  }
}

/**
 * The names of the fields the query selects at `path` below the field being resolved
 * (through fragments and aliases): lets a resolver skip work nobody asked for.
 */
export function selectedFields(info: GraphQLResolveInfo, path: string[] = []): Set<string> {
  let sets = info.fieldNodes.map((node) => node.selectionSet);
  for (const step of path) {
    const next: (SelectionSetNode | undefined)[] = [];
    for (const set of sets) {
      eachField(info, set, (name, selectionSet) => name === step && next.push(selectionSet));
    }
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) eachField(info, set, (name) => names.add(name));
  return names;
}

/** Whether the query asks for any of `fields` directly under the field being resolved. */
export function selectsAny(info: GraphQLResolveInfo, fields: string[]): boolean {
  const selected = selectedFields(info);
  return fields.some((field) => selected.has(field));
}
