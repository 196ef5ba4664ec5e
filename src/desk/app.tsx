import { useEffect, useState } from 'preact/hooks';
import { DeskUser, currentSession, gql, live, signOut } from './api';
import {
  LOCALES,
  Locale,
  Translate,
  applyLocale,
  browserLocale,
  localeOf,
  translator,
} from './i18n';
import { AskView } from './views/ask';
import { InboxView } from './views/inbox';
import { LeadView } from './views/lead';
import { ProfileView } from './views/profile';
import { SearchView } from './views/search';
import { SignIn } from './views/sign-in';

type View = 'search' | 'ask' | 'inbox' | 'team' | 'profile';
const PRESENCES = ['AVAILABLE', 'ON_CALL', 'AFTER_CALL_WORK', 'AWAY'] as const;

/** The page: sign-in, then the desk (or the embeddable panel's smaller desk). */
export function App({ embedded = false }: { embedded?: boolean }) {
  const [user, setUser] = useState<DeskUser | null | undefined>(undefined);
  const [locale, setLocale] = useState<Locale>(browserLocale());
  useEffect(() => {
    currentSession().then(
      (found) => {
        setUser(found);
        if (found) setLocale(localeOf(found.locale));
      },
      () => setUser(null),
    );
  }, []);
  useEffect(() => applyLocale(locale), [locale]);
  const t = translator(locale);
  if (user === undefined) return <main aria-busy="true" />;
  if (!user)
    return (
      <SignIn
        t={t}
        embedded={embedded}
        onSignedIn={(signedIn) => {
          setUser(signedIn);
          setLocale(localeOf(signedIn.locale));
        }}
      />
    );
  const leave = async () => {
    await signOut();
    setUser(null);
  };
  return embedded ? (
    <EmbedPanel t={t} />
  ) : (
    <Desk user={user} t={t} locale={locale} setLocale={setLocale} onSignOut={leave} />
  );
}

/** The panel inside an agent desktop: search, and asking an expert when nothing is found. */
function EmbedPanel({ t }: { t: Translate }) {
  const [asking, setAsking] = useState<{ query: string; searchId: string | null } | null>(null);
  return (
    <main class="embed">
      {asking ? (
        <>
          <button type="button" onClick={() => setAsking(null)}>
            ← {t('back')}
          </button>
          <AskView t={t} {...asking} />
        </>
      ) : (
        <SearchView t={t} embedded onAsk={(query, searchId) => setAsking({ query, searchId })} />
      )}
    </main>
  );
}

function Desk(props: {
  user: DeskUser;
  t: Translate;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  onSignOut: () => void;
}) {
  const { user, t } = props;
  const [view, setView] = useState<View>('search');
  const [askFor, setAskFor] = useState<{ query: string; searchId: string | null }>({
    query: '',
    searchId: null,
  });
  const [unread, setUnread] = useState(0);
  const [presence, setPresence] = useState('AVAILABLE');
  const lead = user.role !== 'AGENT';
  useEffect(() => {
    gql(
      `{ me { presence } notifications(first: 100, unreadOnly: true) { edges { cursor } } }`,
    ).then(
      (data) => {
        setPresence(data.me.presence);
        setUnread(data.notifications.edges.length);
      },
      () => {},
    );
    return live(`subscription { notificationAdded { id } }`, {}, () => setUnread((n) => n + 1));
  }, []);
  const changePresence = async (value: string) => {
    setPresence(value);
    await gql(
      `mutation ($p: Presence!) { setPresence(input: {presence: $p}) { userErrors { message } } }`,
      { p: value },
    );
  };
  const tabs: [View, string][] = [
    ['search', t('search')],
    ['inbox', t('inbox')],
    ...(lead ? ([['team', t('team')]] as [View, string][]) : []),
    ['profile', unread ? `${t('profile')} (${unread})` : t('profile')],
  ];
  return (
    <div class="desk">
      <header>
        <strong class="brand">{t('appName')}</strong>
        <nav aria-label={t('appName')}>
          {tabs.map(([key, label]) => (
            <button
              key={key}
              type="button"
              aria-current={view === key ? 'page' : undefined}
              onClick={() => setView(key)}
            >
              {label}
            </button>
          ))}
        </nav>
        <label>
          {t('presence')}{' '}
          <select value={presence} onChange={(e) => changePresence(e.currentTarget.value)}>
            {PRESENCES.map((value) => (
              <option key={value} value={value}>
                {t(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('language')}{' '}
          <select
            value={props.locale}
            onChange={(e) => props.setLocale(e.currentTarget.value as Locale)}
          >
            {Object.entries(LOCALES).map(([key, { name }]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span dir="auto">{user.displayName}</span>
        <button type="button" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main>
        {view === 'search' && (
          <SearchView
            t={t}
            onAsk={(query, searchId) => {
              setAskFor({ query, searchId });
              setView('ask');
            }}
          />
        )}
        {view === 'ask' && <AskView t={t} {...askFor} />}
        {view === 'inbox' && <InboxView t={t} />}
        {view === 'team' && lead && <LeadView t={t} user={user} />}
        {view === 'profile' && <ProfileView t={t} onRead={() => setUnread(0)} />}
      </main>
    </div>
  );
}
