import type { LogEntryView } from '../../../../protocol/messages.ts';
import { plainText } from '../../components/InlineMarkdown.tsx';

type Mark = { key: 'best' | 'other' | 'none' | 'skipped'; sign: string; words: string };

function markOf(e: LogEntryView): Mark {
  if (e.kind === 'skipped') return { key: 'skipped', sign: '–', words: 'skipped' };
  if (e.kind === 'no-decision') return { key: 'none', sign: '✗', words: e.lapsed === 'advanced' ? 'no decision (advanced)' : 'no decision in time' };
  if (e.best && e.best.option === e.option) return { key: 'best', sign: '✓', words: `chose ${plainText(e.optionLabel ?? e.option ?? '')}, the best option` };
  return { key: 'other', sign: '•', words: `chose ${plainText(e.optionLabel ?? e.option ?? '')}${e.best ? `; best was ${plainText(e.best.label)}` : ''}` };
}

/**
 * A team's decisions so far as one compact line of numbered marks (best, other, none,
 * skipped) with the votes behind each, small enough for four teams on a 1920×1080 board; the
 * full log is in the team's details.
 */
export function DecisionTrail({ log, teamName }: { log: LogEntryView[]; teamName: string }) {
  const decisions = log.filter((e) => e.kind !== 'continued');
  if (decisions.length === 0) return null;
  return (
    <ol className="trail" aria-label={`Decisions so far by ${teamName}`}>
      {decisions.map((e, i) => {
        const mark = markOf(e);
        const votes = e.support && e.support.of > 0 ? `${e.support.for}/${e.support.of}` : null;
        return (
          <li key={`${e.inject}-${i}`} className={`trail-item trail-${mark.key}`} title={`${e.injectTitle}: ${mark.words}${votes ? `, ${votes} votes` : ''}`}>
            <span aria-hidden="true">
              {mark.sign}
              {votes ? <span className="trail-votes"> {votes}</span> : null}
            </span>
            <span className="sr-only">
              {i + 1}. {e.injectTitle}: {mark.words}
              {votes ? `, ${e.support!.for} of ${e.support!.of} votes` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
