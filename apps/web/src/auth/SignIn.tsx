import { FormEvent, useState } from 'react';
import { cognitoConfig, startHostedSignIn } from './cognito';
import { localSignIn } from './local-sign-in';
import { Notice } from '../ui/Notice';

declare const LOCAL_SIGN_IN: boolean;

export function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const cognito = cognitoConfig();
  const [userName, setUserName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onToken(await localSignIn(userName.trim()));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <p>Back up everything in your HouseF3 account, or restore it from a backup file.</p>
      {cognito && <button type="button" className="primary" onClick={() => void startHostedSignIn(cognito)}>Sign in with HouseF3</button>}
      {LOCAL_SIGN_IN && (
        <form onSubmit={submit} className="local-sign-in">
          <p className="hint">Local test stack: sign in as any user name; no password is asked.</p>
          <label htmlFor="user-name">User name</label>
          <input id="user-name" name="userName" autoComplete="username" required pattern="[A-Za-z0-9@._\-]{1,128}" value={userName} onChange={(e) => setUserName(e.target.value)} />
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
      )}
      {!cognito && !LOCAL_SIGN_IN && <Notice kind="error" title="Sign-in is not configured for this site.">Ask your administrator to set the Cognito domain and client id of this page.</Notice>}
      {error && <Notice kind="error" title={`Sign-in failed: ${error}`}>Check the user name (letters, digits, @ . _ -) and try again.</Notice>}
    </section>
  );
}
