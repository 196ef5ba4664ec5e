import type { Caller } from '../context/request-context.js';
import { Role } from './role.js';

/** What a caller may do: named, positive permissions. Resolvers declare one with @Allow. */
export enum Permission {
  ORGANIZATION_READ = 'organization.read',
  ORGANIZATION_MANAGE = 'organization.manage',
  TEAM_READ = 'team.read',
  TEAM_CREATE = 'team.create',
  USER_READ = 'user.read',
  USER_READ_EMAIL = 'user.readEmail',
  USER_READ_INACTIVE = 'user.readInactive',
  USER_CREATE = 'user.create',
  USER_UPDATE_PROFILE = 'user.updateProfile',
  USER_UPDATE_ROLE = 'user.updateRole',
  USER_ACTIVATE = 'user.activate',
  USER_RESET_PASSWORD = 'user.resetPassword',
  /** one's own sign-in, password and presence */
  ACCOUNT_MANAGE = 'account.manage',
  TIP_READ = 'tip.read',
  TIP_READ_ARCHIVED = 'tip.readArchived',
  TIP_CREATE = 'tip.create',
  /** edit, archive, publish */
  TIP_EDIT = 'tip.edit',
  /** edit, archive and verify others' tips */
  TIP_CURATE = 'tip.curate',
  TIP_FLAG = 'tip.flag',
  /** one flag sends the tip to review at once */
  TIP_SEND_TO_REVIEW = 'tip.sendToReview',
  /** used on call, helpful, bookmarks */
  TIP_USE = 'tip.use',
  EXPERTISE_GRANT = 'expertise.grant',
  SEARCH = 'search',
  SEARCH_GAPS_READ = 'searchGaps.read',
  SYNONYMS_READ = 'synonyms.read',
  SYNONYMS_MANAGE = 'synonyms.manage',
  QUESTION_READ = 'question.read',
  QUESTION_ASK = 'question.ask',
  /** claim, decline and answer: experts in the question's tags, whatever their role, and these */
  QUESTION_ANSWER = 'question.answer',
  /** accept an answer, close and reopen: the asker, their leads, admins */
  QUESTION_MANAGE = 'question.manage',
  /** offers, claims and declines of a question, and the tags nobody covered */
  QUESTION_ROUTING_READ = 'question.readRouting',
  /** a draft tip from an accepted answer, authored by the answerer */
  QUESTION_PROMOTE = 'question.promote',
  ANSWER_EDIT = 'answer.edit',
  ANSWER_VOTE = 'answer.vote',
  /** one's own notifications and watched tags */
  INBOX = 'inbox',
  /** set presence: one's own, or (integrations, admins) anyone's in the organization */
  PRESENCE_SET = 'presence.set',
  INTEGRATION_MANAGE = 'integration.manage',
  /** points and the ledger: one's own, the team's (leads), anyone's (admins) */
  RECOGNITION_READ = 'recognition.read',
  /** the leaderboard and the rules in force, for everyone: recognition is visible */
  RECOGNITION_VIEW = 'recognition.view',
  RECOGNITION_MANAGE = 'recognition.manage',
  /** kudos to a colleague: peers a few a day, without points */
  KUDOS_GIVE = 'kudos.give',
  /** kudos that earn points, any time: leads and admins */
  KUDOS_AWARD = 'kudos.award',
  /** grant and revoke the mentor role */
  MENTOR_GRANT = 'mentor.grant',
  /** end a mentorship: one's own, the team's (leads), any (admins) */
  MENTORSHIP_END = 'mentorship.end',
  /** ask a mentor to mentor oneself */
  MENTORSHIP_REQUEST = 'mentorship.request',
  /** record a coaching session: for one's mentees (checked by the mentorship), the team's (leads), anyone's (admins) */
  COACHING_RECORD = 'coaching.record',
  /** coaching history: one's own (and one's mentees', checked by the mentorship), the team's, anyone's */
  COACHING_READ = 'coaching.read',
  /** a team's insights: leads their own team's, admins any team's */
  TEAM_INSIGHTS_READ = 'teamInsights.read',
}

/**
 * How far a permission reaches: the caller's own things, things in their fields of
 * expertise (tags they are an expert in), their team's, or the organization's.
 */
export enum Scope {
  OWN = 'own',
  EXPERTISE = 'expertise',
  TEAM = 'team',
  ORGANIZATION = 'organization',
}

const { OWN, EXPERTISE, TEAM, ORGANIZATION } = Scope;
const P = Permission;

const EVERYONE: Partial<Record<Permission, Scope>> = {
  [P.ORGANIZATION_READ]: ORGANIZATION,
  [P.TEAM_READ]: ORGANIZATION,
  [P.USER_READ]: ORGANIZATION,
  [P.USER_READ_EMAIL]: OWN,
  [P.USER_UPDATE_PROFILE]: OWN,
  [P.ACCOUNT_MANAGE]: OWN,
  [P.TIP_READ]: ORGANIZATION,
  [P.TIP_READ_ARCHIVED]: OWN,
  [P.TIP_CREATE]: ORGANIZATION,
  [P.TIP_EDIT]: OWN,
  [P.TIP_CURATE]: EXPERTISE,
  [P.TIP_FLAG]: ORGANIZATION,
  [P.TIP_USE]: ORGANIZATION,
  [P.SEARCH]: ORGANIZATION,
  [P.SYNONYMS_READ]: ORGANIZATION,
  [P.QUESTION_READ]: ORGANIZATION,
  [P.QUESTION_ASK]: ORGANIZATION,
  [P.QUESTION_ANSWER]: EXPERTISE,
  [P.QUESTION_MANAGE]: OWN,
  [P.QUESTION_PROMOTE]: OWN,
  [P.ANSWER_EDIT]: OWN,
  [P.ANSWER_VOTE]: ORGANIZATION,
  [P.INBOX]: OWN,
  [P.PRESENCE_SET]: OWN,
  [P.RECOGNITION_READ]: OWN,
  [P.RECOGNITION_VIEW]: ORGANIZATION,
  [P.KUDOS_GIVE]: ORGANIZATION,
  [P.MENTORSHIP_END]: OWN,
  [P.MENTORSHIP_REQUEST]: ORGANIZATION,
  [P.COACHING_RECORD]: OWN,
  [P.COACHING_READ]: OWN,
};

/** What an integration token may do: keep presence true from the phone system, nothing else. */
export const INTEGRATION_GRANTS: Partial<Record<Permission, Scope>> = {
  [P.PRESENCE_SET]: ORGANIZATION,
};

/** The permission table: each role's permissions and their scope. Nothing else decides. */
export const GRANTS: Record<Role, Partial<Record<Permission, Scope>>> = {
  [Role.AGENT]: EVERYONE,
  [Role.TEAM_LEAD]: {
    ...EVERYONE,
    [P.USER_READ_EMAIL]: ORGANIZATION,
    [P.USER_READ_INACTIVE]: TEAM,
    [P.USER_UPDATE_PROFILE]: TEAM,
    [P.TIP_READ_ARCHIVED]: ORGANIZATION,
    [P.TIP_EDIT]: ORGANIZATION,
    [P.TIP_CURATE]: ORGANIZATION,
    [P.TIP_SEND_TO_REVIEW]: ORGANIZATION,
    [P.EXPERTISE_GRANT]: TEAM,
    [P.SEARCH_GAPS_READ]: TEAM,
    [P.SYNONYMS_MANAGE]: ORGANIZATION,
    [P.QUESTION_ANSWER]: TEAM,
    [P.QUESTION_MANAGE]: TEAM,
    [P.QUESTION_ROUTING_READ]: TEAM,
    [P.QUESTION_PROMOTE]: ORGANIZATION,
    [P.RECOGNITION_READ]: TEAM,
    [P.KUDOS_AWARD]: ORGANIZATION,
    [P.MENTOR_GRANT]: TEAM,
    [P.MENTORSHIP_END]: TEAM,
    [P.COACHING_RECORD]: TEAM,
    [P.COACHING_READ]: TEAM,
    [P.TEAM_INSIGHTS_READ]: TEAM,
  },
  [Role.ADMIN]: Object.fromEntries(
    Object.values(Permission).map((permission) => [
      permission,
      permission === P.ACCOUNT_MANAGE || permission === P.INBOX ? OWN : ORGANIZATION,
    ]),
  ),
};

/** Whose thing a permission is asked for: its owner, or a user as a member of a team. */
export interface Target {
  userId?: string | null;
  teamId?: string | null;
  /** a team scope reaches only the roles in TEAM_SCOPE_ROLES */
  role?: Role;
  /** whether the caller is an expert in one of the thing's tags */
  inExpertise?: boolean;
}

/**
 * The roles a team scope reaches among the team's members: leads act on agents and leads
 * of their team, never on an admin, nor on a role added later until it is listed here.
 */
export const TEAM_SCOPE_ROLES: readonly Role[] = [Role.AGENT, Role.TEAM_LEAD];

export function scopeOf(role: Role, permission: Permission): Scope | null {
  return GRANTS[role][permission] ?? null;
}

/** The scope of a permission for this caller: by role for people, by INTEGRATION_GRANTS for integrations. */
export function callerScope(
  caller: Pick<Caller, 'role' | 'integrationId'>,
  permission: Permission,
): Scope | null {
  return caller.integrationId
    ? (INTEGRATION_GRANTS[permission] ?? null)
    : scopeOf(caller.role, permission);
}

/** Whether the caller has the permission at all (what the guard checks). */
export const hasPermission = (
  caller: Pick<Caller, 'role' | 'integrationId'>,
  permission: Permission,
): boolean => callerScope(caller, permission) !== null;

/** Whether the caller may use the permission on `target` (without one: on everything in reach). */
export function allows(caller: Caller, permission: Permission, target: Target = {}): boolean {
  const scope = callerScope(caller, permission);
  if (scope === ORGANIZATION) return true;
  if (target.userId !== undefined && target.userId === caller.userId) return scope !== null;
  if (scope === EXPERTISE) return target.inExpertise === true;
  if (scope === TEAM)
    return (
      caller.teamId !== null &&
      target.teamId === caller.teamId &&
      (target.role === undefined || TEAM_SCOPE_ROLES.includes(target.role))
    );
  return false;
}
