/** Log in with a token (`dossier token create --role reviewer --name alice`); the server keeps it in an HttpOnly cookie. */
import { useState } from 'preact/hooks';
import type { View } from '../../../src/web/index.js';
import { go } from '../router.js';
import { login, useSession } from '../session.js';

export function Login({ view }: { view: View }) {
  const { session } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    login(token.trim()).then(
      () => go({ ...view, route: { name: 'explore' } }),
      (err: Error) => { setError(err.message); setBusy(false); },
    );
  };
  return (
    <main class="page login">
      <h1>Log in</h1>
      {session && <p>Logged in as <b>{session.name}</b> ({session.role}).</p>}
      <form onSubmit={submit}>
        <label>Token<input type="password" name="token" autoComplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" class="primary" disabled={busy || !token.trim()}>Log in</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted">An administrator makes a token with <code>dossier token create --role reviewer --name you</code>. Readers can look; reviewers and admins can also correct.</p>
    </main>
  );
}
