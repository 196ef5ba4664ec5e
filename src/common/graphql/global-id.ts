import { notFound } from './errors.js';

/** Global object ids: base64url of `Type:uuid`, opaque to clients. */
export type NodeType = 'Organization' | 'Team' | 'User' | 'Tip' | 'Question' | 'Answer';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** The type and database id behind a global id, or null for anything malformed. */
export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const id = decoded.slice(separator + 1);
  return UUID.test(id) ? { type: decoded.slice(0, separator), id } : null;
}

/** The database id of a global id of the expected type, or null. */
export function idOfType(globalId: string, type: NodeType): string | null {
  const parsed = fromGlobalId(globalId);
  return parsed?.type === type ? parsed.id : null;
}

/** The database id of a global id of the expected type; a malformed or other one is not found. */
export function requiredIdOf(globalId: string, type: NodeType): string {
  const id = idOfType(globalId, type);
  if (!id) throw notFound(type.toLowerCase());
  return id;
}
