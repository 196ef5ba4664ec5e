import { RequestContext, byKeys } from '../../common/context/request-context.js';
import { User } from './user.types.js';
import { UsersService } from './users.service.js';

/** A user a field names, loaded with every other user of the response in one query. */
export async function loadUser(
  users: UsersService,
  context: RequestContext,
  organizationId: string,
  id: string | null,
): Promise<User | null> {
  if (!id) return null;
  const user = await context
    .loader('userById', async (ids) => byKeys(ids, await users.findByIds(organizationId, ids)))
    .load(id);
  return user && User.from(user);
}
