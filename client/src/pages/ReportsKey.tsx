/** Asks for the manager key (kept on this device) when the reports need one. */
import { useId, useState } from 'react';
import { saveManagerKey } from '../reportsApi.ts';
import { reportWords } from '../text/reportWords.ts';

export function ReportsKey({
  onSaved,
  error,
  forExercise,
}: {
  onSaved: () => void;
  error?: string | undefined;
  forExercise: boolean;
}) {
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
      <h2 id={`${id}-h`}>{reportWords.openTheReports}</h2>
      {error ? (
        <p role="alert" className="bad-text">
          {error}
        </p>
      ) : null}
      <p>
        {reportWords.keyHelp.before} <code>{reportWords.managerKeyVariable}</code>
        {reportWords.keyHelp.after}
        {forExercise ? reportWords.facilitatorOwnReport : ''}
      </p>
      <div className="field">
        <label htmlFor={`${id}-key`}>{reportWords.managerKey}</label>
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          minLength={16}
        />
      </div>
      <p className="small muted">{reportWords.keyKeptNote}</p>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={value.trim().length < 16}>
          {reportWords.openReports}
        </button>
      </div>
    </form>
  );
}
