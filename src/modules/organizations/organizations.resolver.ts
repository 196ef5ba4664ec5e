import { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import {
  Organization,
  OrganizationPayload,
  UpdateOrganizationSettingsInput,
} from './organization.types.js';
import { OrganizationsService } from './organizations.service.js';

@Resolver(() => Organization)
export class OrganizationsResolver implements OnModuleInit {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('Organization', async (caller, id) => {
      if (id !== caller.organizationId) return null;
      const organization = await this.organizations.findById(id);
      return organization && Organization.from(organization);
    });
  }

  @Allow(Permission.ORGANIZATION_READ)
  @Query(() => Organization, { description: "The caller's organization." })
  async organization(@CurrentCaller() caller: Caller): Promise<Organization> {
    const organization = await this.organizations.findById(caller.organizationId);
    if (!organization) throw notFound('organization');
    return Organization.from(organization);
  }

  @Allow(Permission.ORGANIZATION_MANAGE)
  @Mutation(() => OrganizationPayload, {
    description:
      'Admins: how long tips stay verified and search logs are kept, and how expert questions are routed.',
  })
  async updateOrganizationSettings(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateOrganizationSettingsInput,
  ): Promise<OrganizationPayload> {
    const organization = await this.organizations.updateSettings(caller.organizationId, input);
    return { organization: Organization.from(organization), userErrors: [] };
  }
}
