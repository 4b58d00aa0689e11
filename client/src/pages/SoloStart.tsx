import { useState } from 'react';
import { saveSeat, startSolo } from '../api.ts';
import { ScenarioPicker } from '../components/ScenarioPicker.tsx';
import { navigate } from '../router.ts';

/** Trainee: pick a scenario and practise alone. */
export function SoloStart() {
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [name, setName] = useState(() => localStorage.getItem('breachdrill:name') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!scenarioId) return;
    setBusy(true);
    setError(null);
    try {
      const joined = await startSolo({ scenarioId, name: name.trim() });
      try {
        localStorage.setItem('breachdrill:name', name.trim());
      } catch {
        /* ignore */
      }
      saveSeat(joined.exerciseId, { token: joined.token, seat: joined.seat, savedAt: Date.now() });
      navigate(`/x/${joined.exerciseId}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <nav className="crumbs">
        <a href="#/">← Home</a>
      </nav>
      <h1>Practise solo</h1>
      <p className="lead-text">You hold every role. Take your time: feedback follows each decision.</p>
      <form onSubmit={submit} className="stack">
        <ScenarioPicker value={scenarioId} onChange={setScenarioId} />
        <div className="card row">
          <div className="field grow">
            <label htmlFor="solo-name">Your name</label>
            <input id="solo-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} autoComplete="nickname" required />
          </div>
          <button type="submit" className="btn btn-primary btn-large" disabled={!scenarioId || !name.trim() || busy}>
            {busy ? 'Starting…' : 'Start practice'}
          </button>
        </div>
        {error ? (
          <p role="alert" className="bad-text">
            {error}
          </p>
        ) : null}
      </form>
    </div>
  );
}
