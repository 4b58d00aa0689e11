/** A3: the vote count, table-driven against the pure tally (server/exercise/tally.ts). */
import { describe, expect, it } from 'vitest';
import type { Vote } from '../../../server/exercise/state.ts';
import { leadingOption, tiedOptions } from '../../../server/exercise/tally.ts';

const LEAD = 'ir-lead';
/** Players named by role: "lead" holds the lead role, anyone else does not. */
const roleOf = (playerId: string) => (playerId.startsWith('lead') ? LEAD : 'ml-engineer');
const votes = (cast: Record<string, string>) =>
  new Map<string, Vote>(Object.entries(cast).map(([playerId, option]) => [playerId, { option, at: 0 }]));

const CASES: Array<{ name: string; cast: Record<string, string>; leading: string | null; tied: string[] }> = [
  { name: 'no votes: nothing leads, nothing is tied', cast: {}, leading: null, tied: [] },
  { name: 'one vote leads', cast: { a: 'wait' }, leading: 'wait', tied: [] },
  { name: 'the most votes lead', cast: { a: 'snapshot', b: 'snapshot', c: 'delete' }, leading: 'snapshot', tied: [] },
  {
    name: 'a tie the lead role voted in goes its way',
    cast: { lead: 'delete', a: 'snapshot', b: 'snapshot', c: 'delete' },
    leading: 'delete',
    tied: [],
  },
  {
    name: 'a tie without the lead role waits and names the tied options',
    cast: { a: 'snapshot', b: 'delete' },
    leading: null,
    tied: ['snapshot', 'delete'],
  },
  {
    name: 'a lead vote outside the tie does not break it',
    cast: { lead: 'wait', a: 'snapshot', b: 'snapshot', c: 'delete', d: 'delete' },
    leading: null,
    tied: ['snapshot', 'delete'],
  },
  {
    name: 'a three-way tie',
    cast: { a: 'snapshot', b: 'delete', c: 'wait' },
    leading: null,
    tied: ['snapshot', 'delete', 'wait'],
  },
  {
    name: 'the lead role is outvoted by a majority',
    cast: { lead: 'wait', a: 'snapshot', b: 'snapshot' },
    leading: 'snapshot',
    tied: [],
  },
];

describe('A3: vote count', () => {
  it.each(CASES)('A3: $name', ({ cast, leading, tied }) => {
    expect(leadingOption(votes(cast), roleOf, LEAD)).toBe(leading);
    expect(tiedOptions(votes(cast), roleOf, LEAD)).toEqual(tied);
  });
});
