import { useState } from 'preact/hooks';
import { DeskUser, signIn } from '../api';
import type { Translate } from '../i18n';

export function SignIn(props: {
  t: Translate;
  embedded: boolean;
  onSignedIn: (user: DeskUser) => void;
}) {
  const { t } = props;
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem('');
    try {
      props.onSignedIn(
        await signIn(
          String(form.get('organization')),
          String(form.get('email')),
          String(form.get('password')),
          props.embedded,
        ),
      );
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form onSubmit={submit}>
        <h1>{t('signInTitle')}</h1>
        <label>
          {t('organization')}
          <input name="organization" autocomplete="organization" required maxLength={100} />
        </label>
        <label>
          {t('email')}
          <input name="email" type="email" autocomplete="username" required maxLength={254} />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={200}
          />
        </label>
        {problem && (
          <p role="alert" class="problem">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
