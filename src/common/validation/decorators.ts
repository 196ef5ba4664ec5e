import { Transform } from 'class-transformer';

/** Leading and trailing white space is not part of a name, title or reason. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
