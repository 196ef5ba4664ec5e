import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { UUID } from '../../common/graphql/global-id.js';
import { UserErrorCode, userError } from '../../common/graphql/user-error.js';
import { IntegrationsService } from './integrations.service.js';
import {
  CreateIntegrationTokenInput,
  Integration,
  IntegrationTokenPayload,
  RevokeIntegrationTokenInput,
} from './integrations.types.js';

@Resolver(() => Integration)
export class IntegrationsResolver {
  constructor(private readonly service: IntegrationsService) {}

  @Allow(Permission.INTEGRATION_MANAGE)
  @Query(() => [Integration], { description: "Admins: the organization's integration tokens." })
  async integrations(@CurrentCaller() caller: Caller): Promise<Integration[]> {
    return (await this.service.list(caller)).map(Integration.from);
  }

  @Allow(Permission.INTEGRATION_MANAGE)
  @Mutation(() => IntegrationTokenPayload, {
    description:
      'Admins: a token for the phone system, which may only set the presence of users of the organization.',
  })
  async createIntegrationToken(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateIntegrationTokenInput,
  ): Promise<IntegrationTokenPayload> {
    const { token, integration } = await this.service.create(caller, input.name);
    return { token, integration: Integration.from(integration), userErrors: [] };
  }

  @Allow(Permission.INTEGRATION_MANAGE)
  @Mutation(() => IntegrationTokenPayload, {
    description: 'Admins: the token stops working at once.',
  })
  async revokeIntegrationToken(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RevokeIntegrationTokenInput,
  ): Promise<IntegrationTokenPayload> {
    const revoked = UUID.test(input.id) ? await this.service.revoke(caller, input.id) : null;
    return revoked
      ? { integration: Integration.from(revoked), userErrors: [] }
      : { userErrors: [userError(UserErrorCode.NOT_FOUND, 'No integration with that id.', 'id')] };
  }
}
