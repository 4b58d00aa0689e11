/**
 * Placeholder for the managers' report pages (the gap-report feature replaces this file).
 * Route: #/reports and #/reports/EXERCISE.
 */
export default function Reports({ path }: { path: string[] }) {
  return (
    <div className="page narrow">
      <nav className="crumbs">
        <a href="#/">← Home</a>
      </nav>
      <h1>Reports</h1>
      <p className="card">
        After-action reports and improvement plans arrive with the gap-report feature.
        {path[0] ? (
          <>
            {' '}
            The report for exercise <code>{path[0]}</code> will appear here.
          </>
        ) : null}
      </p>
    </div>
  );
}
