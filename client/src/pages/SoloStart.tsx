import { useState } from 'react';
import { ScenarioPicker } from '../components/ScenarioPicker.tsx';
import { PracticeRuns } from './solo/PracticeRuns.tsx';
import { startPractice } from './solo/startPractice.ts';
import { messages } from '../text/messages.ts';

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
        <a href="#/">{messages.solo.home}</a>
      </nav>
      <h1>{messages.solo.practiseSolo}</h1>
      <p className="lead-text">{messages.solo.youHoldEveryRole}</p>
      <PracticeRuns />
      <form onSubmit={submit} className="stack">
        <ScenarioPicker value={scenarioId} onChange={setScenarioId} />
        <div className="card row">
          <div className="field grow">
            <label htmlFor="solo-name">{messages.solo.yourName}</label>
            <input
              id="solo-name"
              value={name}
              maxLength={40}
              onChange={(e) => setName(e.target.value)}
              autoComplete="nickname"
              required
            />
          </div>
          <button type="submit" className="btn btn-primary btn-large" disabled={!scenarioId || !name.trim() || busy}>
            {busy ? messages.solo.starting : messages.solo.startPractice}
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
