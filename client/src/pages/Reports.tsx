/**
 * The managers' view (lazily loaded): #/reports lists finished exercises and solo runs,
 * #/reports/trends/SCENARIO shows a scenario over time, #/reports/EXERCISE shows one report.
 * The list and trends need the manager key; a report opens with the exercise's facilitator key
 * (already on the facilitator's device) or the manager key.
 */
import { useState } from 'react';
import './reports.css';
import { keyFor, loadManagerKey } from '../reportsApi.ts';
import { ReportsKey } from './ReportsKey.tsx';
import { ReportsList } from './ReportsList.tsx';
import { ReportsTrends } from './ReportsTrends.tsx';
import { ReportsView } from './ReportsView.tsx';
import { reportWords } from '../text/reportWords.ts';

export default function Reports({ path }: { path: string[] }) {
  const [version, setVersion] = useState(0); // bumps when a key is entered or forgotten
  const [head, second] = path;
  const exerciseId = head && head !== 'trends' ? head : null;
  const key = exerciseId ? keyFor(exerciseId) : loadManagerKey();
  const rekey = () => setVersion((v) => v + 1);
  const prompt = (error?: string) => <ReportsKey onSaved={rekey} error={error} forExercise={exerciseId !== null} />;

  return (
    <div className="page reports-page" key={version}>
      <nav className="crumbs" aria-label={reportWords.breadcrumbs}>
        <a href="#/">{reportWords.home}</a>
        {head ? (
          <>
            {' / '}
            <a href="#/reports">{reportWords.reports}</a>
          </>
        ) : null}
      </nav>
      {!key ? (
        <>
          <h1>{exerciseId ? reportWords.gapReport : reportWords.reports}</h1>
          {prompt()}
        </>
      ) : exerciseId ? (
        <ReportsView exerciseId={exerciseId} reportKey={key} onBadKey={(message) => prompt(message)} />
      ) : head === 'trends' ? (
        <ReportsTrends scenarioId={second ?? ''} managerKey={key} onBadKey={(message) => prompt(message)} />
      ) : (
        <ReportsList managerKey={key} onBadKey={(message) => prompt(message)} onForget={rekey} />
      )}
    </div>
  );
}
