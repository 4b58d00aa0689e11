/**
 * `breachdrill check --strict`: the quality rules of the drill checklist
 * (shared design drill-quality.md) that a program can test, on a drill that already passed the
 * ordinary check. Each broken rule is an error at the place to fix, naming the rule, so a
 * drill author can look it up in docs/authoring.md ("The strict rules").
 */
import { injectPathsOf } from './crossref.ts';
import type { Diagnostic, DocPath } from './diagnostics.ts';
import type { Drill } from './drill.ts';
import { durationSeconds, formatMinutes } from './duration.ts';
import type { ExploreResult } from './explore.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import { play } from './playthrough.ts';
import type { Inject } from './schema.ts';
import { CAPABILITIES, CAPABILITY_LABELS, NIST_PHASES, NIST_PHASE_LABELS } from './vocabulary.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

/** The limits the rules use; docs/authoring.md prints the same numbers. */
export const QUALITY_LIMITS = {
  feedbackWords: 80,
  injectWords: 250,
  discussShare: 0.55,
  slaSlack: 0.25,
  quick: { minutes: [15, 25], decisions: [5, 7], expectations: [4, 14] },
  full: { minutes: [60, 90], decisions: [12, Infinity], expectations: [8, 14], branches: 2 },
} as const;

/** A drill of at most this many minutes is a quick drill. */
const QUICK_UP_TO = 30;

/** Words a person reads: runs of characters holding a letter or digit, Markdown marks ignored. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** What a player reads at an inject before deciding: the body, the prompt and the option labels. */
export function injectWords(inject: Inject): number {
  const decision = inject.decision;
  return (
    wordCount(inject.body) +
    (decision ? wordCount(decision.prompt) + decision.options.reduce((n, o) => n + wordCount(o.label), 0) : 0)
  );
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;
const range = ([low, high]: readonly [number, number]) => (high === Infinity ? `at least ${low}` : `${low} to ${high}`);

/** Every strict-rule violation of a checked drill. */
export function qualityDiagnostics(source: YamlSource, drill: Drill, stats: ExploreResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const s = drill.scenario;
  const fail = (rule: string, path: DocPath, message: string, expected: string, found?: string) =>
    out.push(
      diagnosticAt(source, path, `${message} [strict: ${rule}]`, {
        expected,
        ...(found !== undefined ? { found } : {}),
      }),
    );
  const paths = injectPathsOf(s);
  const quick = s.minutes <= QUICK_UP_TO;
  const kind = quick ? QUALITY_LIMITS.quick : QUALITY_LIMITS.full;

  if (s.provenance.length === 0) {
    fail(
      'provenance',
      ['title'],
      'the drill names no source',
      'a "provenance" list: the ATLAS case studies and public incidents it draws on',
    );
  }

  // Per inject: reading load, notes, feedback that teaches.
  let artifacts = 0;
  let harmful = 0;
  let branches = 0;
  for (const id of drill.order) {
    const { inject } = drill.injects[id]!;
    const at = paths.get(id)!;
    artifacts += inject.artifacts.length;
    if (inject.when) branches++;
    if (Array.isArray(inject.next)) branches++;
    const words = injectWords(inject);
    if (words > QUALITY_LIMITS.injectWords) {
      fail(
        'inject-words',
        [...at, 'body'],
        `${words} words to read at this inject`,
        `at most ${QUALITY_LIMITS.injectWords} (body, prompt and option labels); move detail into artifacts`,
      );
    }
    const decision = inject.decision;
    if (!decision) continue;
    if (!inject.notes)
      fail(
        'notes',
        at,
        'a decision without facilitator notes',
        'notes with what good looks like and the likely argument',
      );
    decision.options.forEach((option, k) => {
      const where: DocPath = [...at, 'decision', 'options', k];
      const total = Object.values(option.score).reduce((a: number, b) => a + (b ?? 0), 0);
      if (total < 0) harmful++;
      if (Array.isArray(option.next)) branches++;
      if (!option.feedback)
        fail(
          'feedback',
          where,
          `option "${option.id}" has no feedback`,
          'feedback with the consequence and the principle behind it',
        );
      else if (wordCount(option.feedback) > QUALITY_LIMITS.feedbackWords) {
        fail(
          'feedback-words',
          [...where, 'feedback'],
          `${wordCount(option.feedback)} words of feedback`,
          `at most ${QUALITY_LIMITS.feedbackWords}`,
        );
      }
    });
    if (decision.no_decision && !decision.no_decision.feedback) {
      fail(
        'feedback',
        [...at, 'decision', 'no_decision'],
        'the no-decision outcome has no feedback',
        'feedback that says what waiting cost',
      );
    }
  }

  s.phases.forEach((phase, p) => {
    if (!phase.injects.some((i) => i.decision))
      fail(
        'phase-decision',
        ['phases', p],
        `phase "${phase.id}" has no decision`,
        'at least one decision in every phase',
      );
    if (phase.nist === 'detection-analysis' && !phase.injects.some((i) => i.artifacts.length)) {
      fail(
        'artifacts',
        ['phases', p],
        `detection phase "${phase.id}" has no artifact`,
        'logs, tables or metrics that players read as evidence',
      );
    }
  });
  if (artifacts === 0)
    fail(
      'artifacts',
      ['phases'],
      'the drill has no artifacts',
      'logs, tables or metrics that players read as evidence',
    );
  if (harmful === 0)
    fail(
      'harmful-option',
      ['phases'],
      'no option costs the team points',
      'at least one tempting option that does harm',
    );

  s.expectations.forEach((e, i) => {
    const at: DocPath = ['expectations', i];
    if (!e.corrective_action)
      fail(
        'expectation-action',
        at,
        `expectation "${e.id}" has no corrective action`,
        'a corrective_action someone can start on Monday',
      );
    if (!e.owner)
      fail('expectation-owner', at, `expectation "${e.id}" has no owner`, 'an owner for the improvement plan');
    if (!e.csf.some((c) => /-\d{2}$/.test(c)))
      fail(
        'expectation-csf',
        at,
        `expectation "${e.id}" names no CSF 2.0 subcategory`,
        'a subcategory that matches the action, such as "RS.MI-01"',
      );
  });
  if (s.expectations.length && !s.expectations.some((e) => e.mitigations.length)) {
    fail(
      'expectation-atlas',
      ['expectations'],
      'no expectation maps to an ATLAS mitigation',
      'ATLAS mitigations on the expectations that test an AI-specific control',
    );
  }
  s.clocks.forEach((c, i) => {
    if (c.kind === 'regulatory' && !c.reference)
      fail(
        'clock-reference',
        ['clocks', i],
        `regulatory clock "${c.id}" cites no provision`,
        'a reference such as "GDPR Art. 33(1)"',
      );
  });

  // Shape: a quick drill for a lunch break, or a full drill.
  const [low, high] = kind.minutes;
  if (s.minutes < low || s.minutes > high) {
    fail(
      'length',
      ['minutes'],
      `${s.minutes} minutes`,
      `a quick drill of ${range(QUALITY_LIMITS.quick.minutes)} minutes or a full drill of ${range(QUALITY_LIMITS.full.minutes)}`,
    );
  }
  const count = s.expectations.length;
  if (count < kind.expectations[0] || count > kind.expectations[1]) {
    fail(
      'expectations',
      ['expectations'],
      plural(count, 'expectation'),
      `${range(kind.expectations)} for a ${quick ? 'quick' : 'full'} drill`,
    );
  }
  if (!quick) {
    const missing = CAPABILITIES.filter((c) => !s.expectations.some((e) => e.capability === c));
    if (missing.length)
      fail(
        'capabilities',
        ['expectations'],
        `no expectation for ${missing.map((c) => CAPABILITY_LABELS[c].toLowerCase()).join(', ')}`,
        'expectations over all six capabilities',
      );
    const phases = NIST_PHASES.filter((n) => !s.phases.some((p) => p.nist === n));
    if (phases.length)
      fail(
        'nist-phases',
        ['phases'],
        `no phase for ${phases.map((n) => NIST_PHASE_LABELS[n]).join(', ')}`,
        'all four NIST incident-response phases',
      );
    if (branches < QUALITY_LIMITS.full.branches) {
      fail(
        'branches',
        ['phases'],
        `${plural(branches, 'branch', 'branches')} chosen by state`,
        `at least ${QUALITY_LIMITS.full.branches} injects or routes with a "when"`,
      );
    }
  }

  // The ideal and the worst path, played on the compiled machine.
  const best = outcomeOf(drill, stats, play(drill, stats, { kind: 'best' }).state);
  const worst = outcomeOf(drill, stats, play(drill, stats, { kind: 'worst' }).state);
  const decisions = best.decisions.filter((d) => d.kind !== 'continued').length;
  // Pace along the paths a team can play: the best and the worst, whichever talks longer.
  const discussMinutes = Math.max(discussOn(drill, best), discussOn(drill, worst));
  const share = discussMinutes / s.minutes;
  if (share > QUALITY_LIMITS.discussShare) {
    fail(
      'pace',
      ['minutes'],
      `discussion limits add up to ${Math.round(share * 100)}% of the ${s.minutes} minutes`,
      `at most ${percent(QUALITY_LIMITS.discussShare)} (the rest is reading, facilitation and debrief)`,
      `${Math.round(discussMinutes * 10) / 10} minutes of "discuss"`,
    );
  }

  if (decisions < kind.decisions[0] || decisions > kind.decisions[1]) {
    fail(
      'decisions',
      ['phases'],
      `${plural(decisions, 'decision')} on the best path`,
      `${range(kind.decisions)} for a ${quick ? 'quick' : 'full'} drill`,
    );
  }
  idealPathRules(best, stats, fail);
  const missed = worst.expectations.filter((e) => !e.met).length;
  if (count && missed * 2 < count) {
    fail(
      'worst-path',
      ['expectations'],
      `the worst path still meets ${count - missed} of ${count} expectations`,
      'a worst path that misses at least half: the expectations should measure the decisions',
    );
  }
  return out;
}

/** Summed discussion limits of the decisions a path met. */
function discussOn(drill: Drill, outcome: Outcome): number {
  return outcome.decisions.reduce((sum, d) => {
    const decision = d.kind === 'continued' ? undefined : drill.injects[d.inject]?.inject.decision;
    // Discussion is wall-clock time: keep the seconds (90s is a minute and a half here).
    return sum + (decision ? durationSeconds(decision.discuss) / 60 : 0);
  }, 0);
}

/** The best path scores 100% in every capability, meets every expectation, and beats each SLA with slack. */
function idealPathRules(
  best: Outcome,
  stats: ExploreResult,
  fail: (rule: string, path: DocPath, message: string, expected: string, found?: string) => void,
): void {
  for (const c of best.capabilities) {
    // highestScore: the most any path reaches in the capability, whatever it does elsewhere.
    const highest = stats.highestScore[c.id];
    if (highest > 0 && c.score < highest) {
      fail(
        'ideal-path',
        ['phases'],
        `the best path scores ${c.score} in ${c.label.toLowerCase()}, another path ${highest}`,
        'a best path that scores 100% in every capability (no points only a worse path can earn)',
      );
    }
  }
  best.expectations.forEach((e, i) => {
    if (!e.met)
      fail(
        'ideal-path',
        ['expectations', i],
        `the best path misses expectation "${e.id}"`,
        'a best path that meets every expectation',
      );
  });
  best.clocks.forEach((clock, i) => {
    if (clock.kind !== 'sla') return;
    const allowed = clock.limitMinutes * (1 - QUALITY_LIMITS.slaSlack);
    if (clock.status !== 'met' || (clock.elapsedMinutes ?? Infinity) > allowed) {
      const found =
        clock.elapsedMinutes === null
          ? clock.status
          : `${formatMinutes(clock.elapsedMinutes)} of ${formatMinutes(clock.limitMinutes)}`;
      fail(
        'sla-slack',
        ['clocks', i],
        `the best path meets SLA clock "${clock.id}" with less than ${percent(QUALITY_LIMITS.slaSlack)} to spare`,
        `stopped within ${formatMinutes(allowed)}`,
        found,
      );
    }
  });
}
