/** The report page's "What if (counterfactual)" section: the pinned what-ifs, marked as not played (W8). */
import type { WhatIfView } from '../../../protocol/whatif.ts';
import { Comparison } from '../components/WhatIf.tsx';
import { InlineMarkdown } from '../components/InlineMarkdown.tsx';
import type { Counterfactual, GapReport } from '../reportsApi.ts';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

/** A pin in the shape the debrief's comparison reads. */
const asView = (c: Counterfactual): WhatIfView => ({
  teamId: c.teamId,
  fork: {
    decision: c.decision,
    inject: c.inject,
    title: c.title,
    option: c.option,
    played: c.played,
    policy: c.policy,
    choices: [],
  },
  real: c.real,
  alternative: c.alternative,
  differences: c.differences,
  flipped: c.flipped,
});

export function ReportsWhatIf({ report }: { report: GapReport }) {
  if (report.whatIf.length === 0) return null;
  return (
    <section className="card report-whatif" aria-labelledby="h-whatif">
      <h2 id="h-whatif">{reportWords.whatIfCounterfactual}</h2>
      <p className="cf-intro">
        <strong>{reportWords.notPlayed}</strong> {reportWords.whatIfIntro}
      </p>
      {report.whatIf.map((c) => (
        <article key={c.id} className="counterfactual" aria-labelledby={`cf-${c.id}`}>
          <p className="cf-mark">{reportWords.counterfactualNotPlayed}</p>
          <h3 id={`cf-${c.id}`}>
            {c.teamName}
            {messages.debrief.counterfactual.decision(c.decision)}
            <InlineMarkdown text={c.title} />
            {messages.debrief.counterfactual.whatIf}
            <InlineMarkdown text={c.option.label} />”
          </h3>
          {c.note ? <blockquote className="cf-note">{c.note}</blockquote> : null}
          <p>{c.sentence}</p>
          <Comparison view={asView(c)} headingLevel={4} />
          <p className="small muted">
            {messages.debrief.counterfactual.pinnedBy(c.pinnedBy === 'manager', c.pinnedAt)}
          </p>
        </article>
      ))}
    </section>
  );
}
