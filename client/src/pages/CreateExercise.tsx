import { useState } from 'react';
import type { DecisionMode } from '../../../protocol/messages.ts';
import { createExercise, saveSeat } from '../api.ts';
import { ScenarioPicker } from '../components/ScenarioPicker.tsx';
import { navigate } from '../router.ts';
import { messages } from '../text/messages.ts';

const MODES: Array<{ id: DecisionMode; label: string; help: string }> = (['vote', 'lead', 'facilitator'] as const).map(
  (id) => ({ id, label: messages.common.mode[id], help: messages.picker.modeHelp[id] }),
);

/** Facilitator: pick a scenario, decision mode and teams, then open the lobby. */
export function CreateExercise() {
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [mode, setMode] = useState<DecisionMode>('vote');
  const [teams, setTeams] = useState(messages.picker.defaultTeams.join('\n'));
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
      const teamNames = teams
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean);
      const created = await createExercise({
        scenarioId,
        mode,
        teams: teamNames.length ? teamNames : messages.picker.defaultTeams.slice(0, 1),
        ...(name.trim() ? { facilitatorName: name.trim() } : {}),
        ...(anonymous ? { anonymousHotwash: true } : {}),
      });
      saveSeat(created.exerciseId, {
        token: created.facilitatorKey,
        seat: 'facilitator',
        code: created.code,
        savedAt: Date.now(),
      });
      navigate(`/x/${created.exerciseId}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <nav className="crumbs">
        <a href="#/">{messages.picker.home}</a>
      </nav>
      <h1>{messages.picker.createAnExercise}</h1>
      <form onSubmit={submit} className="create-form">
        <div className="create-scenario">
          <ScenarioPicker value={scenarioId} onChange={setScenarioId} documents />
        </div>
        <div className="create-settings">
          <fieldset className="card create-modes">
            <legend>{messages.picker.decisionMode}</legend>
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
              <label htmlFor="teams">{messages.picker.teamsOnePerLine}</label>
              <textarea id="teams" rows={3} value={teams} onChange={(e) => setTeams(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="fac-name">{messages.picker.yourNameOptional}</label>
              <input
                id="fac-name"
                value={name}
                maxLength={40}
                onChange={(e) => setName(e.target.value)}
                autoComplete="name"
              />
            </div>
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
              {messages.picker.anonymous}
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
            <p className="small muted">
              {scenarioId
                ? `${teamCount(teams)} · ${MODES.find((m) => m.id === mode)!.label}`
                : messages.picker.chooseAScenarioTo}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-large" disabled={!scenarioId || busy}>
            {busy ? messages.picker.opening : messages.picker.openTheLobby}
          </button>
        </div>
      </form>
    </div>
  );
}

function teamCount(text: string): string {
  const n = text.split('\n').filter((t) => t.trim()).length || 1;
  return messages.picker.teams(n);
}
