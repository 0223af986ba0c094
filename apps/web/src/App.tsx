import { useEffect, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { backupApi } from './api/api';
import { ApiContext } from './api/context';
import { SignIn } from './auth/SignIn';
import { clearSession, readSession, saveToken, Session } from './auth/session';
import { cognitoConfig, finishHostedSignIn, signOutUrl } from './auth/cognito';
import { BackupsScreen } from './backups/BackupsScreen';
import { RestoreScreen } from './restore/RestoreScreen';

type Tab = 'backups' | 'restore';

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => readSession());
  const [tab, setTab] = useState<Tab>(() => (location.hash === '#restore' ? 'restore' : 'backups'));
  const queryClient = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }), [session?.token]);
  const api = useMemo(() => backupApi(() => readSession()?.token, () => setSession(undefined)), []);

  useEffect(() => {
    const cfg = cognitoConfig();
    if (cfg && new URL(location.href).searchParams.has('code')) {
      void finishHostedSignIn(cfg, new URL(location.href)).then((token) => token && signedIn(token));
    }
  }, []);

  useEffect(() => {
    history.replaceState(null, '', `#${tab}`);
  }, [tab]);

  function signedIn(token: string) {
    saveToken(token);
    setSession(readSession());
  }

  function signOut() {
    clearSession();
    setSession(undefined);
    const cfg = cognitoConfig();
    if (cfg) location.assign(signOutUrl(cfg));
  }

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top">
        <h1><span className="brand">HouseF3</span> Backup &amp; restore</h1>
        {session && (
          <div className="who">
            <span aria-label="Signed in as">{session.userName}</span>
            <button type="button" className="link" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main">
        {!session ? <SignIn onToken={signedIn} /> : (
          <QueryClientProvider client={queryClient}>
            <ApiContext.Provider value={api}>
              <nav className="tabs" role="tablist" aria-label="Screens">
                {(['backups', 'restore'] as const).map((t) => (
                  <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
                    {t === 'backups' ? 'Backups' : 'Restore'}
                  </button>
                ))}
              </nav>
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'backups' ? <BackupsScreen /> : <RestoreScreen />}
              </div>
            </ApiContext.Provider>
          </QueryClientProvider>
        )}
      </main>
    </>
  );
}
