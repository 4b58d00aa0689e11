import { useState } from 'react';
import { joinExercise, saveSeat } from '../api.ts';
import { navigate } from '../router.ts';
import { messages } from '../text/messages.ts';

/** Player: join with the code and a display name. */
export function JoinPage({ code: initial }: { code: string }) {
  const [code, setCode] = useState(initial);
  const [name, setName] = useState(() => localStorage.getItem('breachdrill:name') ?? '');
  const [observer, setObserver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = code.trim().toUpperCase();
      const joined = await joinExercise({ code: c, name: name.trim(), ...(observer ? { observer: true } : {}) });
      try {
        localStorage.setItem('breachdrill:name', name.trim());
      } catch {
        /* ignore */
      }
      saveSeat(joined.exerciseId, { token: joined.token, seat: joined.seat, code: c, savedAt: Date.now() });
      navigate(`/x/${joined.exerciseId}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <nav className="crumbs">
        <a href="#/">{messages.join.home}</a>
      </nav>
      <h1>{messages.join.joinAnExercise}</h1>
      <form className="card stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="join-code">{messages.join.joinCode}</label>
          <input
            id="join-code"
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="join-name">{messages.join.yourName}</label>
          <input
            id="join-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={40}
            autoComplete="nickname"
            required
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={observer} onChange={(e) => setObserver(e.target.checked)} />{' '}
          {messages.join.observer}
        </label>
        {error ? (
          <p role="alert" className="bad-text">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary btn-large"
          disabled={busy || code.trim().length < 4 || !name.trim()}
        >
          {busy ? messages.join.joining : messages.join.join}
        </button>
      </form>
    </div>
  );
}
