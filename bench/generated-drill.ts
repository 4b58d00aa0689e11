/**
 * A generated drill for the path-search benchmark: `decisions` decision injects with `options`
 * options each, and `flags` branch flags. Flag k is set by an option at decision 10k and read by
 * the `when` of a branch inject `window` decisions later (so it stops mattering after that), or,
 * in the adversarial variant, by the routes of the last inject (so all of them matter at once).
 */
import { stringify } from 'yaml';

export interface GeneratedDrill {
  decisions: number;
  options: number;
  flags: number;
  /** Decisions between where a flag is set and where it is read; `end`: all read at the end. */
  window: number | 'end';
}

export function generateDrillText(g: GeneratedDrill): string {
  const flagName = (k: number) => `branch-${k}`;
  const setAt = (k: number) => Math.floor((k * g.decisions) / Math.max(g.flags, 1));
  const injects: unknown[] = [];
  const capabilities = ['detection', 'containment', 'evidence', 'recovery', 'communication', 'coordination'];
  for (let d = 0; d < g.decisions; d++) {
    const sets = Array.from({ length: g.flags }, (_, k) => k).filter((k) => setAt(k) === d);
    injects.push({
      id: `d${d}`,
      title: `Decision ${d}`,
      body: `Step ${d} of the generated incident.`,
      decision: {
        prompt: 'What now?',
        deciders: ['ir-lead'],
        discuss: '2m',
        options: Array.from({ length: g.options }, (_, o) => ({
          id: `o${o}`,
          label: `Option ${o}`,
          cost: `${5 + ((d * 7 + o * 13) % 30)}m`,
          score: { [capabilities[(d + o) % capabilities.length]!]: ((d * 3 + o * 5) % 7) - 3 },
          ...(o === 0 && sets.length ? { effects: [{ flag: sets.map(flagName) }] } : {}),
        })),
      },
    });
    if (g.window !== 'end') {
      for (let k = 0; k < g.flags; k++) {
        if (setAt(k) + g.window !== d) continue;
        injects.push({
          id: `branch-${k}-shown`,
          title: `Branch ${k}`,
          when: { flag: flagName(k) },
          body: `Because of branch ${k}.`,
        });
      }
    }
  }
  const last = injects[injects.length - 1] as { next?: unknown };
  last.next =
    g.window === 'end'
      ? [
          ...Array.from({ length: g.flags }, (_, k) => ({
            when: { flag: flagName(k) },
            to: k % 2 ? 'good-end' : 'bad-end',
          })),
          { to: 'good-end' },
        ]
      : 'good-end';
  return stringify({
    id: 'generated',
    version: 1,
    title: `Generated ${g.decisions} × ${g.options} drill with ${g.flags} branch flags`,
    summary: 'A generated drill for the path-search benchmark.',
    difficulty: 'advanced',
    minutes: 480,
    objectives: ['Measure the checker'],
    frameworks: { atlas: ['AML.T0020'] },
    roles: { lead: 'ir-lead', in_play: ['ir-lead'] },
    flags: Object.fromEntries(Array.from({ length: g.flags }, (_, k) => [flagName(k), `Branch ${k} was taken`])),
    estate: { models: [{ id: 'm1', version: 1, sha256: 'aaaa1111', signed: true }] },
    phases: [{ id: 'all', title: 'Everything', nist: 'detection-analysis', csf: 'DE', injects }],
    endings: [
      { id: 'good-end', title: 'Good', kind: 'good', body: 'Good.' },
      { id: 'bad-end', title: 'Bad', kind: 'bad', body: 'Bad.' },
    ],
  });
}
