/** Asks for the manager key (kept on this device) when the reports need one. */
import { useId, useState } from 'react';
import { saveManagerKey } from '../reportsApi.ts';

export function ReportsKey({ onSaved, error, forExercise }: { onSaved: () => void; error?: string | undefined; forExercise: boolean }) {
  const [value, setValue] = useState('');
  const id = useId();
  return (
    <form
      className="card stack reports-key"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        saveManagerKey(value.trim());
        onSaved();
      }}
    >
      <h2 id={`${id}-h`}>Open the reports</h2>
      {error ? (
        <p role="alert" className="bad-text">
          {error}
        </p>
      ) : null}
      <p>
        Reports open with the manager key, which the server printed once when it first started (or its <code>BREACHDRILL_MANAGER_KEY</code>).
        {forExercise ? ' A facilitator opens their own exercise’s report from the debrief, on the device that ran it.' : ''}
      </p>
      <div className="field">
        <label htmlFor={`${id}-key`}>Manager key</label>
        <input id={`${id}-key`} type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} required minLength={16} />
      </div>
      <p className="small muted">The key is kept in this browser only. Use “Forget the key” on a shared device.</p>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={value.trim().length < 16}>
          Open reports
        </button>
      </div>
    </form>
  );
}
