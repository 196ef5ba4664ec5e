import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Permission } from '../../common/auth/policy.js';
import { Allow, Context, CurrentCaller, Public } from '../../common/auth/decorators.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { requiredIdOf } from '../../common/graphql/global-id.js';
import { User, UserPayload } from '../users/user.types.js';
import { AuthService } from './auth.service.js';
import {
  ChangePasswordInput,
  LoginInput,
  LoginPayload,
  ResetUserPasswordInput,
  SignOutPayload,
} from './auth.types.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => LoginPayload, {
    description: 'Sign in; the token lasts a shift (12 hours by default).',
  })
  async login(
    @Args('input') input: LoginInput,
    @Context() context: RequestContext,
  ): Promise<LoginPayload> {
    const outcome = await this.auth.login(input, context.address);
    if (!outcome.value) return { userErrors: outcome.userErrors };
    return { token: outcome.value.token, user: User.from(outcome.value.user), userErrors: [] };
  }

  @Allow(Permission.ACCOUNT_MANAGE)
  @Mutation(() => SignOutPayload, {
    description: 'Ends this token and sets your presence to OFFLINE.',
  })
  async signOut(@CurrentCaller() caller: Caller): Promise<SignOutPayload> {
    await this.auth.signOut(caller);
    return { signedOut: true, userErrors: [] };
  }

  @Allow(Permission.ACCOUNT_MANAGE)
  @Mutation(() => UserPayload, { description: 'Change your password; your other sessions end.' })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ChangePasswordInput,
  ): Promise<UserPayload> {
    return UserPayload.from(
      await this.auth.changePassword(caller, input.currentPassword, input.newPassword),
    );
  }

  @Allow(Permission.USER_RESET_PASSWORD)
  @Mutation(() => UserPayload, {
    description: "Admins set a user's password; that user's sessions end.",
  })
  async resetUserPassword(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ResetUserPasswordInput,
  ): Promise<UserPayload> {
    const id = requiredIdOf(input.id, 'User');
    return UserPayload.from(
      await this.auth.resetPassword(caller.organizationId, id, input.newPassword),
    );
  }
}
