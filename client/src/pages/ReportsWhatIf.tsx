/** The report page's "What if (counterfactual)" section: the pinned what-ifs, marked as not played (W8). */
import type { WhatIfView } from '../../../protocol/whatif.ts';
import { Comparison } from '../components/WhatIf.tsx';
import { InlineMarkdown } from '../components/InlineMarkdown.tsx';
import type { Counterfactual, GapReport } from '../reportsApi.ts';

/** A pin in the shape the debrief's comparison reads. */
const asView = (c: Counterfactual): WhatIfView => ({
  teamId: c.teamId,
  fork: { decision: c.decision, inject: c.inject, title: c.title, option: c.option, played: c.played, policy: c.policy, choices: [] },
  real: c.real,
  alternative: c.alternative,
  differences: c.differences,
  flipped: c.flipped,
});

export function ReportsWhatIf({ report }: { report: GapReport }) {
  if (report.whatIf.length === 0) return null;
  return (
    <section className="card report-whatif" aria-labelledby="h-whatif">
      <h2 id="h-whatif">What if (counterfactual)</h2>
      <p className="cf-intro">
        <strong>Not played.</strong> These timelines were not played: each takes one decision another way and plays the rest as stated, worked out from the event log with the same engine as the debrief. They change no score, finding, plan item or conclusion of this report.
      </p>
      {report.whatIf.map((c) => (
        <article key={c.id} className="counterfactual" aria-labelledby={`cf-${c.id}`}>
          <p className="cf-mark">Counterfactual: not played</p>
          <h3 id={`cf-${c.id}`}>
            {c.teamName}, decision {c.decision} “<InlineMarkdown text={c.title} />”: what if “<InlineMarkdown text={c.option.label} />”
          </h3>
          {c.note ? <blockquote className="cf-note">{c.note}</blockquote> : null}
          <p>{c.sentence}</p>
          <Comparison view={asView(c)} headingLevel={4} />
          <p className="small muted">
            Pinned by {c.pinnedBy === 'manager' ? 'a manager' : 'the facilitator'}, {c.pinnedAt}
          </p>
        </article>
      ))}
    </section>
  );
}
