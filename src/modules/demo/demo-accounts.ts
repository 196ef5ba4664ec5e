import { Role } from '../../common/auth/role.js';

/** The demo organization's people; the README lists them. */
export const DEMO_ORGANIZATION = { slug: 'demo', name: 'Demo Contact Center' };
export const DEMO_PASSWORD = 'floorwalker-demo';
export const DEMO_TEAMS = ['Billing', 'Technical Support'] as const;

export const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  role: Role;
  team: (typeof DEMO_TEAMS)[number] | null;
  locale: string;
  /** the experts read their Persian and Finnish colleagues' questions too */
  readsLanguages?: string[];
}[] = [
  {
    email: 'admin@demo.example',
    displayName: 'Ada Admin',
    role: Role.ADMIN,
    team: null,
    locale: 'en',
  },
  {
    email: 'lead@demo.example',
    displayName: 'Leo Lead',
    role: Role.TEAM_LEAD,
    team: 'Billing',
    locale: 'en',
  },
  {
    email: 'expert@demo.example',
    displayName: 'Eve Expert',
    role: Role.AGENT,
    team: 'Billing',
    locale: 'en',
    readsLanguages: ['fa'],
  },
  {
    email: 'agent@demo.example',
    displayName: 'Arash Agent',
    role: Role.AGENT,
    team: 'Billing',
    locale: 'fa',
  },
  {
    email: 'tech.lead@demo.example',
    displayName: 'Tuuli Lead',
    role: Role.TEAM_LEAD,
    team: 'Technical Support',
    locale: 'fi',
  },
  {
    email: 'tech.expert@demo.example',
    displayName: 'Omar Expert',
    role: Role.AGENT,
    team: 'Technical Support',
    locale: 'en',
    readsLanguages: ['fi'],
  },
  {
    email: 'tech.agent@demo.example',
    displayName: 'Aino Agent',
    role: Role.AGENT,
    team: 'Technical Support',
    locale: 'fi',
  },
];
