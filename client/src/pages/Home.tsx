import { useState } from 'react';
import { navigate } from '../router.ts';
import { messages } from '../text/messages.ts';

/** Start page: create, join, practise solo, reports. */
export function Home() {
  const [code, setCode] = useState('');
  return (
    <div className="page home">
      <header className="hero">
        <h1>
          {messages.common.brand.first}
          <span className="accent">{messages.common.brand.second}</span>
        </h1>
        <p className="lead-text">{messages.home.tagline}</p>
      </header>
      <div className="home-grid">
        <section className="card home-card" aria-labelledby="h-join">
          <h2 id="h-join">{messages.home.joinAnExercise}</h2>
          <p>{messages.home.joinHelp}</p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(`/join/${encodeURIComponent(code.trim().toUpperCase())}`);
            }}
          >
            <label htmlFor="home-code" className="sr-only">
              {messages.home.joinCode}
            </label>
            <input
              id="home-code"
              className="code-input"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder={messages.home.code}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={12}
            />
            <button type="submit" className="btn btn-primary" disabled={code.trim().length < 4}>
              {messages.home.join}
            </button>
          </form>
        </section>
        <section className="card home-card" aria-labelledby="h-run">
          <h2 id="h-run">{messages.home.runAnExercise}</h2>
          <p>{messages.home.runHelp}</p>
          <a className="btn btn-primary" href="#/new">
            {messages.home.createAnExercise}
          </a>
        </section>
        <section className="card home-card" aria-labelledby="h-solo">
          <h2 id="h-solo">{messages.home.practiseAlone}</h2>
          <p>{messages.home.soloHelp}</p>
          <a className="btn" href="#/solo">
            {messages.home.practiseSolo}
          </a>
        </section>
        <section className="card home-card" aria-labelledby="h-rep">
          <h2 id="h-rep">{messages.home.reports}</h2>
          <p>{messages.home.reportsHelp}</p>
          <a className="btn" href="#/reports">
            {messages.home.openReports}
          </a>
        </section>
      </div>
    </div>
  );
}
