/** The words helpers every view shares (issue 13 item 15): plurals, units, sentence ends, inline marks. */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../client/src/components/InlineMarkdown.tsx';
import { plural, unitFor } from '../../client/src/text/plural.ts';
import { endSentence } from '../../client/src/text/sentence.ts';
import { money } from '../../client/src/text/units.ts';
import { whoDecides } from '../../client/src/text/whoDecides.ts';

describe('words', () => {
  it('plural picks the form by Intl.PluralRules: "1 vote", "0 votes", "2 votes"', () => {
    expect(plural(1, 'vote')).toBe('1 vote');
    expect(plural(0, 'vote')).toBe('0 votes');
    expect(plural(2, 'player is', 'players are')).toBe('2 players are');
  });
  it('a drill unit after 1 is singular: "1 pod-hour", never "1 pod-hours"', () => {
    expect(unitFor(1, 'pod-hours')).toBe('pod-hour');
    expect(money(1, 'pod-hours')).toBe('1 pod-hour');
    expect(money(3, 'pod-hours')).toBe('3 pod-hours');
    expect(money(1, 'USD')).toBe('$1');
  });
  it('no double full stop after a label that ends with one ("standby..")', () => {
    expect(endSentence('legal and privacy on standby.')).toBe('');
    expect(endSentence('Delete m2')).toBe('.');
  });
  it('inline marks come off for plain-text places', () => {
    expect(plainText('move `production` to **v41** *now*')).toBe('move production to v41 now');
  });
  it('who decides follows the mode, not the drill deciders', () => {
    expect(whoDecides('vote', 'ir-lead')).toBe('Team vote: the majority decides; a tie goes the way of IR lead.');
    expect(whoDecides('lead', 'ir-lead')).toBe('IR lead decides; everyone else recommends.');
  });
});
