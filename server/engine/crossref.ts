/**
 * Reference checks on a scenario that passed the schema: duplicate ids, names that point at
 * nothing, ATLAS IDs outside the shipped catalog, traffic splits that do not add up.
 * Every problem is collected; nothing stops at the first.
 */
import { atlasMitigation, atlasTechnique, ATLAS_VERSION } from './atlas.ts';
import { formatPath, type Diagnostic, type DocPath } from './diagnostics.ts';
import type { Condition, Effect, Scenario } from './schema.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

type Report = (path: DocPath, message: string, found?: string, expected?: string, severity?: 'warning', key?: boolean) => void;

function list(names: Iterable<string>, max = 8): string {
  const all = [...names];
  const shown = all.slice(0, max).map((n) => `"${n}"`);
  return all.length > max ? `${shown.join(', ')}, ... (${all.length} in all)` : shown.join(', ');
}

/** Cross-reference diagnostics for a schema-valid scenario. */
export function crossReference(source: YamlSource, scenario: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (path, message, found, expected, severity, key) =>
    out.push(diagnosticAt(source, path, message, { found, expected, severity: severity ?? 'error', key: key ?? false }));

  const unique = (items: Array<{ id: string; path: DocPath }>, what: string) => {
    const seen = new Map<string, DocPath>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (first) report([...item.path, 'id'], `duplicate ${what} id`, `"${item.id}"`, `an id not already used (first at ${formatPath(first)})`);
      else seen.set(item.id, item.path);
    }
  };

  const injects = new Map(scenario.phases.flatMap((ph) => ph.injects.map((inj) => [inj.id, inj] as const)));
  const endings = new Set(scenario.endings.map((e) => e.id));
  const storyTargets = new Set([...injects.keys(), ...endings]);
  const flags = new Set(Object.keys(scenario.flags));
  const roles = new Set(scenario.roles.in_play);
  const { estate } = scenario;
  const addedModels = scenario.phases.flatMap((ph) =>
    ph.injects.flatMap((inj) =>
      (inj.decision?.options ?? []).flatMap((o) => o.effects.flatMap((e) => ('add_model' in e ? [e.add_model.id] : []))),
    ),
  );
  const models = new Set([...estate.models.map((m) => m.id), ...addedModels]);
  const endpoints = new Set(estate.endpoints.map((e) => e.id));
  const pipelines = new Set(estate.pipelines.map((e) => e.id));
  const metrics = new Set(estate.metrics.map((e) => e.id));

  unique(scenario.phases.map((ph, i) => ({ id: ph.id, path: ['phases', i] })), 'phase');
  unique(
    [
      ...scenario.phases.flatMap((ph, p) => ph.injects.map((inj, i) => ({ id: inj.id, path: ['phases', p, 'injects', i] as DocPath }))),
      ...scenario.endings.map((e, i) => ({ id: e.id, path: ['endings', i] as DocPath })),
    ],
    'inject or ending',
  );
  unique(scenario.expectations.map((e, i) => ({ id: e.id, path: ['expectations', i] })), 'expectation');
  unique(scenario.clocks.map((c, i) => ({ id: c.id, path: ['clocks', i] })), 'clock');
  unique(estate.models.map((m, i) => ({ id: m.id, path: ['estate', 'models', i] })), 'model');
  unique(estate.endpoints.map((m, i) => ({ id: m.id, path: ['estate', 'endpoints', i] })), 'endpoint');
  unique(estate.pipelines.map((m, i) => ({ id: m.id, path: ['estate', 'pipelines', i] })), 'pipeline');
  unique(estate.metrics.map((m, i) => ({ id: m.id, path: ['estate', 'metrics', i] })), 'metric');

  const checkFlag = (name: string, path: DocPath) => {
    if (!flags.has(name)) report(path, 'unknown flag', `"${name}"`, `a flag declared under "flags": ${list(flags)}`);
  };
  const checkTarget = (name: string | undefined, path: DocPath) => {
    if (name !== undefined && !storyTargets.has(name)) {
      report(path, 'unknown inject or ending', `"${name}"`, `one of ${list(storyTargets)}`);
    }
  };
  const checkModel = (name: string, path: DocPath, key?: boolean) => {
    if (!models.has(name)) report(path, 'unknown model', `"${name}"`, `a model in estate.models or added by add_model: ${list(models)}`, undefined, key);
  };
  const checkChoice = (ref: string, path: DocPath) => {
    const [injectId, optionId] = ref.split('.') as [string, string];
    const inject = injects.get(injectId);
    if (!inject) report(path, 'unknown inject in choice reference', `"${injectId}"`, `one of ${list(injects.keys())}`);
    else if (!inject.decision?.options.some((o) => o.id === optionId)) {
      report(path, `unknown option of inject "${injectId}"`, `"${optionId}"`, `one of ${list(inject.decision?.options.map((o) => o.id) ?? [])}`);
    }
  };
  const checkTraffic = (to: Record<string, number>, path: DocPath) => {
    for (const model of Object.keys(to)) checkModel(model, [...path, model], true);
    const sum = Object.values(to).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 1e-9) report(path, 'traffic split does not add up', `${sum}%`, '100%');
  };
  const checkCondition = (c: Condition, path: DocPath): void => {
    if ('flag' in c) checkFlag(c.flag, [...path, 'flag']);
    else if ('not' in c) checkCondition(c.not, [...path, 'not']);
    else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    else if ('chose' in c) checkChoice(c.chose, [...path, 'chose']);
    else if ('pipeline' in c) {
      if (!pipelines.has(c.pipeline.id)) report([...path, 'pipeline', 'id'], 'unknown pipeline', `"${c.pipeline.id}"`, `one of ${list(pipelines)}`);
    } else {
      if (!endpoints.has(c.serving.endpoint)) report([...path, 'serving', 'endpoint'], 'unknown endpoint', `"${c.serving.endpoint}"`, `one of ${list(endpoints)}`);
      checkModel(c.serving.model, [...path, 'serving', 'model']);
    }
  };
  const checkEffect = (e: Effect, path: DocPath) => {
    if ('flag' in e) (Array.isArray(e.flag) ? e.flag : [e.flag]).forEach((f, i) => checkFlag(f, Array.isArray(e.flag) ? [...path, 'flag', i] : [...path, 'flag']));
    else if ('traffic' in e) {
      if (!endpoints.has(e.traffic.endpoint)) report([...path, 'traffic', 'endpoint'], 'unknown endpoint', `"${e.traffic.endpoint}"`, `one of ${list(endpoints)}`);
      checkTraffic(e.traffic.to, [...path, 'traffic', 'to']);
    } else if ('pipeline' in e) {
      if (!pipelines.has(e.pipeline.id)) report([...path, 'pipeline', 'id'], 'unknown pipeline', `"${e.pipeline.id}"`, `one of ${list(pipelines)}`);
    } else if ('evidence' in e) {
      if (e.evidence.of) checkModel(e.evidence.of, [...path, 'evidence', 'of']);
    } else if ('model' in e) checkModel(e.model.id, [...path, 'model', 'id']);
    else if ('metric' in e) {
      if (!metrics.has(e.metric.id)) report([...path, 'metric', 'id'], 'unknown metric', `"${e.metric.id}"`, `one of ${list(metrics)}`);
    }
  };
  const checkMitigations = (ids: string[], path: DocPath) =>
    ids.forEach((id, i) => {
      if (!atlasMitigation(id)) report([...path, i], `not an ATLAS v${ATLAS_VERSION} mitigation`, `"${id}"`, 'an ID from AML.M0000 to AML.M0034');
    });

  scenario.frameworks.atlas.forEach((id, i) => {
    if (!atlasTechnique(id)) report(['frameworks', 'atlas', i], `not an ATLAS v${ATLAS_VERSION} technique`, `"${id}"`, 'a technique or sub-technique ID in the ATLAS catalog');
  });
  if (!roles.has(scenario.roles.lead)) report(['roles', 'lead'], 'the lead role is not in play', `"${scenario.roles.lead}"`, `one of ${list(roles)}`);

  estate.endpoints.forEach((e, i) => checkTraffic(e.traffic, ['estate', 'endpoints', i, 'traffic']));
  estate.metrics.forEach((m, i) => m.stops_on && checkFlag(m.stops_on, ['estate', 'metrics', i, 'stops_on']));
  estate.evidence.forEach((e, i) => e.of && checkModel(e.of, ['estate', 'evidence', i, 'of']));
  scenario.clocks.forEach((c, i) => {
    if (c.starts_on) checkFlag(c.starts_on, ['clocks', i, 'starts_on']);
    checkFlag(c.stops_on, ['clocks', i, 'stops_on']);
  });

  const flagsSet = new Set<string>();
  scenario.phases.forEach((phase, p) =>
    phase.injects.forEach((inject, i) => {
      const at: DocPath = ['phases', p, 'injects', i];
      checkTarget(inject.next, [...at, 'next']);
      if (inject.when) checkCondition(inject.when, [...at, 'when']);
      const decision = inject.decision;
      if (!decision) return;
      unique(decision.options.map((o, k) => ({ id: o.id, path: [...at, 'decision', 'options', k] })), 'option');
      decision.deciders.forEach((r, k) => {
        if (!roles.has(r)) report([...at, 'decision', 'deciders', k], 'role not in play in this drill', `"${r}"`, `one of ${list(roles)}`);
      });
      const outcomes = [
        ...decision.options.map((o, k) => ({ outcome: o, path: [...at, 'decision', 'options', k] as DocPath })),
        ...(decision.no_decision ? [{ outcome: decision.no_decision, path: [...at, 'decision', 'no_decision'] as DocPath }] : []),
      ];
      for (const { outcome, path } of outcomes) {
        checkTarget(outcome.next, [...path, 'next']);
        outcome.effects.forEach((e, k) => {
          checkEffect(e, [...path, 'effects', k]);
          if ('flag' in e) (Array.isArray(e.flag) ? e.flag : [e.flag]).forEach((f) => flagsSet.add(f));
        });
        checkMitigations(outcome.mitigations, [...path, 'mitigations']);
      }
    }),
  );

  scenario.expectations.forEach((e, i) => {
    const at: DocPath = ['expectations', i];
    const r = e.require;
    if ('flag' in r) checkFlag(r.flag, [...at, 'require', 'flag']);
    else if ('before' in r) r.before.forEach((f, k) => checkFlag(f, [...at, 'require', 'before', k]));
    else if ('never' in r) checkFlag(r.never, [...at, 'require', 'never']);
    else checkChoice(r.chose, [...at, 'require', 'chose']);
    checkMitigations(e.mitigations, [...at, 'mitigations']);
    if (e.owner && !roles.has(e.owner)) report([...at, 'owner'], 'owner role is not in play in this drill', `"${e.owner}"`, `one of ${list(roles)}`, 'warning');
  });

  for (const flag of flags) {
    if (!flagsSet.has(flag)) report(['flags', flag], 'flag is declared but no option sets it', `"${flag}"`, 'an effect that sets it, or remove it', 'warning', true);
  }

  // The last inject in the file has nothing after it: it must say where it goes. (Taken from the
  // document, not from the id maps, which keep only the first of two injects sharing an id.)
  const lastPhase = scenario.phases.length - 1;
  const lastIndex = scenario.phases[lastPhase]!.injects.length - 1;
  const last = scenario.phases[lastPhase]!.injects[lastIndex]!;
  const lastOutcomes = [...(last.decision?.options ?? []), ...(last.decision?.no_decision ? [last.decision.no_decision] : [])];
  const lastLeadsOn = last.next !== undefined || (last.decision !== undefined && last.decision.no_decision?.next !== undefined && lastOutcomes.every((o) => o.next));
  if (!lastLeadsOn) {
    report(['phases', lastPhase, 'injects', lastIndex, 'next'], 'dead end: the last inject does not say where the story goes', undefined, 'a "next" naming an ending (on the inject, or on every option and on no_decision)');
  }
  return out;
}

/** The document path of each inject, for diagnostics found by the path search. */
export function injectPathsOf(scenario: Scenario): Map<string, DocPath> {
  const paths = new Map<string, DocPath>();
  scenario.phases.forEach((phase, p) => phase.injects.forEach((inject, i) => paths.set(inject.id, ['phases', p, 'injects', i])));
  return paths;
}
