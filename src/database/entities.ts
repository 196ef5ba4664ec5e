import { LoginFailureEntity } from '../modules/auth/login-failure.entity.js';
import { SessionEntity } from '../modules/auth/session.entity.js';
import { expertiseEntities } from '../modules/expertise/expertise.entities.js';
import { IntegrationTokenEntity } from '../modules/integrations/integration-token.entity.js';
import { NotificationEntity } from '../modules/inbox/notification.entity.js';
import { questionEntities } from '../modules/questions/question.entities.js';
import { OrganizationEntity } from '../modules/organizations/organization.entity.js';
import { TagEntity } from '../modules/tags/tag.entity.js';
import { TeamEntity } from '../modules/teams/team.entity.js';
import { tipEntities } from '../modules/tips/tip.entities.js';
import { UserEntity } from '../modules/users/user.entity.js';

export const entities = [
  OrganizationEntity,
  TeamEntity,
  UserEntity,
  SessionEntity,
  LoginFailureEntity,
  TagEntity,
  ...tipEntities,
  ...expertiseEntities,
  ...questionEntities,
  NotificationEntity,
  IntegrationTokenEntity,
];
