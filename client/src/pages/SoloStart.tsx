import { useState } from 'react';
import { ScenarioPicker } from '../components/ScenarioPicker.tsx';
import { PracticeRuns } from './solo/PracticeRuns.tsx';
import { startPractice } from './solo/startPractice.ts';

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
      await startPractice(scenarioId, name.trim());
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
      <PracticeRuns />
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
