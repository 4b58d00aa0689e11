import { useState } from 'react';
import type { DecisionMode } from '../../../protocol/messages.ts';
import { createExercise, saveSeat } from '../api.ts';
import { ScenarioPicker } from '../components/ScenarioPicker.tsx';
import { navigate } from '../router.ts';
import { plural } from '../text/plural.ts';

const MODES: Array<{ id: DecisionMode; label: string; help: string }> = [
  { id: 'vote', label: 'Team vote', help: 'Majority once all have voted or at the deadline; a tie goes to the lead role.' },
  { id: 'lead', label: 'Lead decides', help: 'The lead role commits; others recommend.' },
  { id: 'facilitator', label: 'Facilitator records', help: 'One screen in a meeting room: you record each team’s choice.' },
];

/** Facilitator: pick a scenario, decision mode and teams, then open the lobby. */
export function CreateExercise() {
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [mode, setMode] = useState<DecisionMode>('vote');
  const [teams, setTeams] = useState('Blue team\nRed team');
  const [name, setName] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!scenarioId) return;
    setBusy(true);
    setError(null);
    try {
      const teamNames = teams.split('\n').map((t) => t.trim()).filter(Boolean);
      const created = await createExercise({ scenarioId, mode, teams: teamNames.length ? teamNames : ['Blue team'], ...(name.trim() ? { facilitatorName: name.trim() } : {}), ...(anonymous ? { anonymousHotwash: true } : {}) });
      saveSeat(created.exerciseId, { token: created.facilitatorKey, seat: 'facilitator', code: created.code, savedAt: Date.now() });
      navigate(`/x/${created.exerciseId}`);
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
      <h1>Create an exercise</h1>
      <form onSubmit={submit} className="create-form">
        <div className="create-scenario">
          <ScenarioPicker value={scenarioId} onChange={setScenarioId} documents />
        </div>
        <div className="create-settings">
          <fieldset className="card create-modes">
            <legend>Decision mode</legend>
            {MODES.map((m) => (
              <label key={m.id} className={`option option-compact ${mode === m.id ? 'option-selected' : ''}`}>
                <input type="radio" name="mode" value={m.id} checked={mode === m.id} onChange={() => setMode(m.id)} />
                <span className="option-body">
                  <span className="option-label">{m.label}</span>
                  <span className="small muted">{m.help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="card stack">
            <div className="field">
              <label htmlFor="teams">Teams (one per line)</label>
              <textarea id="teams" rows={3} value={teams} onChange={(e) => setTeams(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="fac-name">Your name (optional)</label>
              <input id="fac-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </div>
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Anonymous hot wash (the gap report shows answers without names)
            </label>
          </div>
        </div>
        {/* the primary action stays on screen at every size: a bar stuck to the bottom of the viewport */}
        <div className="create-action">
          {error ? (
            <p role="alert" className="bad-text">
              {error}
            </p>
          ) : (
            <p className="small muted">{scenarioId ? `${teamCount(teams)} · ${MODES.find((m) => m.id === mode)!.label}` : 'Choose a scenario to open the lobby.'}</p>
          )}
          <button type="submit" className="btn btn-primary btn-large" disabled={!scenarioId || busy}>
            {busy ? 'Opening…' : 'Open the lobby'}
          </button>
        </div>
      </form>
    </div>
  );
}

function teamCount(text: string): string {
  const n = text.split('\n').filter((t) => t.trim()).length || 1;
  return plural(n, 'team');
}

