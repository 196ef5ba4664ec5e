import { Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../common/auth/decorators.js';
import type { Caller } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { Organization } from './organization.types.js';
import { OrganizationsService } from './organizations.service.js';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @Query(() => Organization, { description: "The caller's organization." })
  async organization(@CurrentCaller() caller: Caller): Promise<Organization> {
    const organization = await this.organizations.findById(caller.organizationId);
    if (!organization) throw notFound('organization');
    return Organization.from(organization);
  }
}
