import { useState } from 'react';
import { navigate } from '../router.ts';

/** Start page: create, join, practise solo, reports. */
export function Home() {
  const [code, setCode] = useState('');
  return (
    <div className="page home">
      <header className="hero">
        <h1>
          breach<span className="accent">drill</span>
        </h1>
        <p className="lead-text">Tabletop exercises for AI security incidents: poisoned data, backdoored models, hijacked agents.</p>
      </header>
      <div className="home-grid">
        <section className="card home-card" aria-labelledby="h-join">
          <h2 id="h-join">Join an exercise</h2>
          <p>Your facilitator shows a join code on the screen.</p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(`/join/${encodeURIComponent(code.trim().toUpperCase())}`);
            }}
          >
            <label htmlFor="home-code" className="sr-only">
              Join code
            </label>
            <input id="home-code" className="code-input" value={code} onChange={(e) => setCode(e.target.value)} placeholder="CODE" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={12} />
            <button type="submit" className="btn btn-primary" disabled={code.trim().length < 4}>
              Join
            </button>
          </form>
        </section>
        <section className="card home-card" aria-labelledby="h-run">
          <h2 id="h-run">Run an exercise</h2>
          <p>Pick a scenario, open a lobby, watch every team live, then debrief.</p>
          <a className="btn btn-primary" href="#/new">
            Create an exercise
          </a>
        </section>
        <section className="card home-card" aria-labelledby="h-solo">
          <h2 id="h-solo">Practise alone</h2>
          <p>Play any scenario at your own pace, with feedback after each decision.</p>
          <a className="btn" href="#/solo">
            Practise solo
          </a>
        </section>
        <section className="card home-card" aria-labelledby="h-rep">
          <h2 id="h-rep">Reports</h2>
          <p>After-action reports and improvement plans from finished exercises.</p>
          <a className="btn" href="#/reports">
            Open reports
          </a>
        </section>
      </div>
    </div>
  );
}
