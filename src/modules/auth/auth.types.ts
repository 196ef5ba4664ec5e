import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PASSWORD_DESCRIPTION, PasswordLength } from '../../common/auth/passwords.js';
import { UserError } from '../../common/graphql/user-error.js';
import { User } from '../users/user.types.js';

@InputType()
export class LoginInput {
  @Field({ description: 'The organization slug, e.g. "demo".' })
  @IsString()
  @Length(1, 100, { message: 'Enter your organization.' })
  organization: string;

  @Field()
  @IsString()
  @Length(1, 254, { message: 'Enter your email.' })
  email: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'Enter your password.' })
  password: string;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, { nullable: true, description: 'Send as "Authorization: Bearer <token>".' })
  token?: string;

  @Field(() => User, { nullable: true })
  user?: User;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class SignOutPayload {
  @Field()
  signedOut: boolean;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  currentPassword: string;

  @Field({ description: PASSWORD_DESCRIPTION })
  @PasswordLength()
  newPassword: string;
}

@InputType()
export class ResetUserPasswordInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field({ description: PASSWORD_DESCRIPTION })
  @PasswordLength()
  newPassword: string;
}
