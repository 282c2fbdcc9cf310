import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../api';

/** Asks for the secret key and checks it against a report before keeping it. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      await call('/api/v1/status', { key: key.trim() });
      onSignedIn(key.trim());
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401
        ? 'That key was refused. Use the secret key (TALLY_SECRET_KEY; ./tally up prints it).'
        : `Could not check the key: ${(failure as Error).message}`);
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="centered">
      <form className="card signin" onSubmit={submit}>
        <h1>Tally</h1>
        <label htmlFor="secret">Secret key</label>
        <input id="secret" type="password" autoComplete="current-password" value={key} autoFocus required
          onChange={(event) => setKey(event.target.value)} aria-describedby="secret-help" />
        <p id="secret-help" className="muted">Kept for this tab only; closing it signs you out.</p>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={checking || key.trim() === ''}>{checking ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
