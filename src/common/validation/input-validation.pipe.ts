import { ArgumentMetadata, Injectable, PipeTransform, Type } from '@nestjs/common';
import { TypeMetadataStorage } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { UserError, UserErrorCode } from '../graphql/user-error.js';
import { unstorablePaths } from './storable-text.js';

/** Raised by the input pipe; mutations answer it as `userErrors`, queries as BAD_USER_INPUT. */
export class InvalidInputError extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((error) => error.message).join(' '));
  }
}

export const UNSTORABLE_MESSAGE =
  'This text contains a character that cannot be stored (a NUL or a broken character); remove it.';

const isInputClass = (metatype: Type | undefined): metatype is Type =>
  metatype !== undefined &&
  (TypeMetadataStorage.getInputTypeMetadataByTarget(metatype) !== undefined ||
    TypeMetadataStorage.getArgumentsMetadataByTarget(metatype) !== undefined);

function flatten(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => ({
      code: UserErrorCode.INVALID,
      message,
      field: [...path, error.property],
    })),
    ...flatten(error.children ?? [], [...path, error.property]),
  ]);
}

/**
 * `value` as an instance of the input class `type` (trimmed where the class says so), and
 * its problems: text that cannot be stored, then the class's rules. The GraphQL pipe and
 * the command line's readers validate with it alike.
 */
export function inputProblems<T extends object>(
  type: Type<T>,
  value: T,
  path: string[] = [],
): { instance: T; problems: UserError[] } {
  const instance = plainToInstance(type, value);
  const problems = [
    ...unstorablePaths(instance, path).map((field) => ({
      code: UserErrorCode.INVALID,
      message: UNSTORABLE_MESSAGE,
      field,
    })),
    ...flatten(validateSync(instance, { forbidUnknownValues: false }), path),
  ];
  return { instance, problems };
}

/**
 * The one place GraphQL arguments are validated: every input and arguments type by its
 * class-validator rules, and every string for characters that cannot be stored.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, { type, metatype, data }: ArgumentMetadata): unknown {
    if (type === 'custom' || value === undefined || value === null) return value;
    const path = data ? [data] : [];
    if (isInputClass(metatype)) {
      const { instance, problems } = inputProblems(metatype, value as object, path);
      if (problems.length > 0) throw new InvalidInputError(problems);
      return instance;
    }
    const unstorable = unstorablePaths(value, path);
    if (unstorable.length > 0)
      throw new InvalidInputError(
        unstorable.map((field) => ({
          code: UserErrorCode.INVALID,
          message: UNSTORABLE_MESSAGE,
          field,
        })),
      );
    return value;
  }
}
