import type { ArtifactView } from '../../../protocol/messages.ts';
import { LineChart } from './LineChart.tsx';
import { messages } from '../text/messages.ts';

/** An inject's evidence: logs in monospace, tables, metric series as charts. */
export function Artifacts({ artifacts }: { artifacts: ArtifactView[] }) {
  if (artifacts.length === 0) return null;
  return (
    <section className="artifacts" aria-label={messages.play.artifacts}>
      {artifacts.map((a, i) => (
        <Artifact key={`${i}-${a.title}`} artifact={a} />
      ))}
    </section>
  );
}

function Artifact({ artifact: a }: { artifact: ArtifactView }) {
  if (a.kind === 'metric' && a.series) {
    return <LineChart title={a.title} x={a.x ?? []} series={a.series} unit={a.unit} />;
  }
  if (a.kind === 'table' && a.rows) {
    return (
      <div className="artifact">
        <div className="table-scroll" tabIndex={0} role="region" aria-label={a.title}>
          <table className="data">
            <caption>{a.title}</caption>
            {a.columns ? (
              <thead>
                <tr>
                  {a.columns.map((c, i) => (
                    <th key={i} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {a.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={typeof cell === 'number' ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  return (
    <div className="artifact">
      <h4 className="artifact-title">{a.title}</h4>
      {/* tabIndex lets keyboard users scroll a wide log */}
      <pre className="log" tabIndex={0} aria-label={a.title}>
        {a.text ?? ''}
      </pre>
    </div>
  );
}
