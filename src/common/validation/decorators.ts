import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { isTimeZone } from '../time-zone.js';

/** Leading and trailing white space is not part of a name, title or reason. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An IANA time zone this runtime knows, such as "Europe/Helsinki". */
export const IsTimeZone = () =>
  ValidateBy({
    name: 'timeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: () =>
        'Must be an IANA time zone such as "UTC", "Europe/Helsinki" or "Asia/Tehran".',
    },
  });
