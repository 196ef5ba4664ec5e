import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Codes of the problems a user can fix by changing what they sent. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  TAKEN = 'TAKEN',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  THROTTLED = 'THROTTLED',
  NOT_ALLOWED = 'NOT_ALLOWED',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode' });

@ObjectType({ description: 'A problem with the input that the user can fix.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, if any.',
  })
  field: string[] | null;

  @Field()
  message: string;

  @Field(() => UserErrorCode)
  code: UserErrorCode;
}

export function userError(code: UserErrorCode, message: string, field?: string): UserError {
  return { code, message, field: field ? ['input', field] : null };
}

/** A mutation's outcome: the changed object, or what the user must fix. */
export type Outcome<T> =
  { value: T; userErrors: [] } | { value?: undefined; userErrors: UserError[] };

export const success = <T>(value: T): Outcome<T> => ({ value, userErrors: [] });
export const failure = (...userErrors: UserError[]): Outcome<never> => ({ userErrors });
