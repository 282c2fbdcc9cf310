import { useEffect, useState } from 'react';
import { loadConfig, type Config } from './api';
import { forgetKey, storedKey, storeKey } from './session';
import { SignIn } from './parts/SignIn';
import { Tabs, type TabId, tabFromHash } from './parts/Tabs';
import { Dashboard } from './tabs/Dashboard';
import { TestApi } from './tabs/TestApi';
import { ApiDocs } from './tabs/ApiDocs';

/** The page: sign-in with the secret key, then the three tabs, the current one in the URL's hash. */
export function App() {
  const [config, setConfig] = useState<Config | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(storedKey());
  const [tab, setTab] = useState<TabId>(tabFromHash(location.hash));

  useEffect(() => {
    loadConfig().then(setConfig, (error: Error) => setConfigError(error.message));
  }, []);

  useEffect(() => {
    const follow = () => setTab(tabFromHash(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  if (configError) {
    return <main className="centered"><p role="alert" className="error">The stats service did not answer: {configError}</p></main>;
  }
  if (!config) {
    return <main className="centered"><p className="muted">Loading…</p></main>;
  }
  if (!key) {
    return <SignIn onSignedIn={(accepted) => { storeKey(accepted); setKey(accepted); }} />;
  }
  const signOut = () => { forgetKey(); setKey(null); };
  return (
    <>
      <header className="top">
        <span className="brand">Tally</span>
        <Tabs current={tab} onSelect={(id) => { location.hash = id; }} />
        <button type="button" className="quiet" onClick={signOut}>Sign out</button>
      </header>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'dashboard' && <Dashboard config={config} secret={key} onUnauthorized={signOut} />}
        {tab === 'test' && <TestApi config={config} secret={key} />}
        {tab === 'docs' && <ApiDocs config={config} />}
      </main>
    </>
  );
}
