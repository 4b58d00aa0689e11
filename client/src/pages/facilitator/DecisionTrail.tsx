import type { LogEntryView } from '../../../../protocol/messages.ts';
import { plainText } from '../../components/InlineMarkdown.tsx';
import { messages } from '../../text/messages.ts';

type Mark = { key: 'best' | 'other' | 'none' | 'skipped'; sign: string; words: string };

function markOf(e: LogEntryView): Mark {
  const say = messages.board.trail;
  if (e.kind === 'skipped') return { key: 'skipped', sign: '–', words: say.skipped };
  if (e.kind === 'no-decision')
    return { key: 'none', sign: '✗', words: e.lapsed === 'advanced' ? say.advanced : say.lapsed };
  if (e.best && e.best.option === e.option)
    return { key: 'best', sign: '✓', words: say.choseBest(plainText(e.optionLabel ?? e.option ?? '')) };
  return {
    key: 'other',
    sign: '•',
    words: say.chose(plainText(e.optionLabel ?? e.option ?? ''), e.best ? plainText(e.best.label) : null),
  };
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
    <ol className="trail" aria-label={messages.board.trail.label(teamName)}>
      {decisions.map((e, i) => {
        const mark = markOf(e);
        const votes = e.support && e.support.of > 0 ? `${e.support.for}/${e.support.of}` : null;
        return (
          <li
            key={`${e.inject}-${i}`}
            className={`trail-item trail-${mark.key}`}
            title={messages.board.trail.title(e.injectTitle, mark.words, votes)}
          >
            <span aria-hidden="true">
              {mark.sign}
              {votes ? <span className="trail-votes"> {votes}</span> : null}
            </span>
            <span className="sr-only">
              {i + 1}. {e.injectTitle}: {mark.words}
              {votes ? messages.board.trail.votes(e.support!.for, e.support!.of) : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
