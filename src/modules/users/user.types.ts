import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PASSWORD_DESCRIPTION, PasswordLength } from '../../common/auth/passwords.js';
import { Role } from '../../common/auth/role.js';
import { ConnectionType } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.interface.js';
import { Outcome, UserError } from '../../common/graphql/user-error.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { LANGUAGE } from '../../search/text/languages.js';
import { LOCALE, LOCALE_MESSAGE } from './locale.js';
import { Presence, effectivePresence } from './presence.js';
import { UserEntity } from './user.entity.js';

const MAX_READ_LANGUAGES = 10;
const LANGUAGE_MESSAGE =
  'Each language must be a two- or three-letter code such as "en", "fa" or "fi".';

registerEnumType(Role, { name: 'Role' });
registerEnumType(Presence, {
  name: 'Presence',
  description:
    'Whether a user can take a question now. Reads as AWAY after 15 minutes without activity.',
});

@ObjectType('User', { implements: () => [Node] })
export class User implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'Visible to the user, admins and team leads; null for others.',
  })
  email: string | null;

  @Field()
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field()
  locale: string;

  @Field(() => [String], {
    description: "Languages of questions routed to the user: the locale's, and these.",
  })
  readsLanguages: string[];

  @Field(() => Presence)
  presence: Presence;

  @Field(() => Date, { nullable: true })
  lastActiveAt: Date | null;

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;

  /** database ids, for field resolvers; not in the schema */
  userId: string;
  teamId: string | null;
  organizationId: string;

  static from(entity: UserEntity, now = new Date()): User {
    return {
      id: toGlobalId('User', entity.id),
      userId: entity.id,
      teamId: entity.teamId,
      organizationId: entity.organizationId,
      email: entity.email,
      displayName: entity.displayName,
      role: entity.role,
      locale: entity.locale,
      readsLanguages: [
        ...new Set([entity.locale.split('-')[0].toLowerCase(), ...entity.readsLanguages]),
      ],
      presence: effectivePresence(entity.presence, entity.lastActiveAt, now),
      lastActiveAt: entity.lastActiveAt,
      active: entity.active,
      createdAt: entity.createdAt,
    };
  }
}

export const UserConnection = ConnectionType(User, 'User');

const DISPLAY_NAME_MESSAGE = 'The display name must be 1-200 characters.';

@InputType({ description: 'A new member of the organization (admins only).' })
export class CreateUserInput {
  @Field()
  @Trimmed()
  @IsEmail({}, { message: '"$value" is not a valid email address.' })
  @MaxLength(254, { message: 'An email address has at most 254 characters.' })
  email: string;

  @Field()
  @Trimmed()
  @Length(1, 200, { message: DISPLAY_NAME_MESSAGE })
  displayName: string;

  @Field(() => Role)
  @IsEnum(Role, { message: `The role must be one of ${Object.values(Role).join(', ')}.` })
  role: Role;

  @Field({ description: PASSWORD_DESCRIPTION })
  @PasswordLength()
  password: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  teamId?: string | null;

  @Field({ nullable: true, defaultValue: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  locale?: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trimmed()
  @Length(1, 200, { message: DISPLAY_NAME_MESSAGE })
  displayName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  locale?: string;

  @Field(() => [String], {
    nullable: true,
    description: `Languages read besides the locale's (at most ${MAX_READ_LANGUAGES}), e.g. ["fa", "fi"].`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_READ_LANGUAGES, {
    message: `At most ${MAX_READ_LANGUAGES} languages.`,
  })
  @Matches(LANGUAGE, { each: true, message: LANGUAGE_MESSAGE })
  readsLanguages?: string[];

  @Field(() => Role, { nullable: true, description: 'Admins only.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'Admins only; null takes the user off their team.',
  })
  @IsOptional()
  @IsString()
  teamId?: string | null;
}

@InputType()
export class UserIdInput {
  @Field(() => ID)
  @IsString()
  id: string;
}

@InputType()
export class SetPresenceInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "Whose presence: yours when left out; the phone system's integration token and admins set anyone's.",
  })
  @IsOptional()
  @IsString()
  userId?: string | null;

  @Field(() => Presence)
  @IsEnum(Presence)
  presence: Presence;
}

@ObjectType()
export class UserPayload {
  @Field(() => User, { nullable: true })
  user?: User;

  @Field(() => [UserError])
  userErrors: UserError[];

  static from(outcome: Outcome<UserEntity>): UserPayload {
    return { user: outcome.value && User.from(outcome.value), userErrors: outcome.userErrors };
  }
}
