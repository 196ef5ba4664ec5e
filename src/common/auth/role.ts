export enum Role {
  AGENT = 'AGENT',
  TEAM_LEAD = 'TEAM_LEAD',
  ADMIN = 'ADMIN',
}
