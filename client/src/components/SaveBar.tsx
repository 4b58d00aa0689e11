/** A form's save button with the result beside it ("Saving…", "Saved.", or the server's message), shared by the report's edit forms. */
export interface SaveState {
  busy: boolean;
  message: string;
  error: boolean;
}

export function SaveBar({ label, dirty, state }: { label: string; dirty: boolean; state: SaveState }) {
  return (
    <div className="row">
      <button type="submit" className="btn btn-small btn-primary" disabled={!dirty || state.busy}>
        {label}
      </button>
      <span role="status" className={`small ${state.error ? 'bad-text' : 'muted'}`}>
        {state.message}
      </span>
    </div>
  );
}
