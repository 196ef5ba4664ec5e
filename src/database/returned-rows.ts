/** The rows a RETURNING clause gave: TypeORM wraps UPDATE and DELETE results as [rows, count]. */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
