// The desk's only door to the API: sign-in through /desk/session (an httpOnly cookie the
// page never sees, and a CSRF token sent with every request), GraphQL over HTTP, and
// subscriptions over one WebSocket the cookie authenticates.
import { Client, createClient } from 'graphql-ws';

export interface DeskUser {
  id: string;
  displayName: string;
  role: 'AGENT' | 'TEAM_LEAD' | 'ADMIN';
  locale: string;
  teamId: string | null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let allowedHosts: string[] = [];

/** The agent desktops that may frame the panel: where a chosen tip may be posted. */
export const embedOrigins = () => allowedHosts;
let socket: Client | null = null;

async function json(res: Response): Promise<Record<string, any>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (!res.ok) throw new ApiError(String(body.message ?? res.statusText), body.code);
  return body;
}

export async function signIn(
  organization: string,
  email: string,
  password: string,
  embedded = false,
): Promise<DeskUser> {
  const body = await json(
    await fetch('/desk/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization, email, password, embedded }),
    }),
  );
  csrfToken = body.csrfToken;
  allowedHosts = body.embedOrigins ?? [];
  return body.user;
}

/** The signed-in user after a reload, or null. */
export async function currentSession(): Promise<DeskUser | null> {
  const res = await fetch('/desk/session');
  if (res.status === 401) return null;
  const body = await json(res);
  csrfToken = body.csrfToken;
  allowedHosts = body.embedOrigins ?? [];
  return body.user;
}

export async function signOut(): Promise<void> {
  socket?.dispose();
  socket = null;
  await fetch('/desk/session/end', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
  csrfToken = '';
}

/** A query or mutation; `signal` cancels it (search-as-you-type drops what it no longer needs). */
export async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length)
    throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
  return body.data as T;
}

/** Subscribes; returns the function that stops it. */
export function live<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown>,
  next: (data: T) => void,
): () => void {
  socket ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    retryAttempts: 5,
    lazy: true,
  });
  return socket.subscribe<T>(
    { query, variables },
    {
      next: (message) => message.data && next(message.data as T),
      error: () => {},
      complete: () => {},
    },
  );
}
