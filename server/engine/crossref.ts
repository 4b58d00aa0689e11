/**
 * Reference checks on a scenario that passed the schema: duplicate ids, names that point at
 * nothing (with the nearest known name as a suggestion), ATLAS and CSF IDs outside the shipped
 * catalogs, traffic splits that do not add up, aliases that would land on two models.
 * Every problem is collected; nothing stops at the first.
 */
import { atlasMitigation, atlasTechnique, ATLAS_VERSION } from './atlas.ts';
import { csfIds, isCsfId } from './csf.ts';
import { formatPath, type Diagnostic, type DocPath } from './diagnostics.ts';
import type { Condition, Effect, Next, Outcome, Requirement, Scenario } from './schema.ts';
import { closest } from './suggest.ts';
import { ROLES } from './vocabulary.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

interface ReportOptions {
  found?: string | undefined;
  expected?: string | undefined;
  severity?: 'warning';
  key?: boolean;
  /** Known names to suggest the nearest of, for the unknown name in `found`. */
  known?: Iterable<string>;
}
type Report = (path: DocPath, message: string, options?: ReportOptions) => void;

function list(names: Iterable<string>, max = 8): string {
  const all = [...names];
  const shown = all.slice(0, max).map((n) => `"${n}"`);
  return all.length > max ? `${shown.join(', ')}, ... (${all.length} in all)` : shown.join(', ');
}

const flagsOf = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Every outcome of an inject's decision with its document path. */
function outcomesOf(
  inject: Scenario['phases'][number]['injects'][number],
  at: DocPath,
): Array<{ outcome: Outcome; path: DocPath }> {
  const decision = inject.decision;
  if (!decision) return [];
  return [
    ...decision.options.map((o, k) => ({ outcome: o, path: [...at, 'decision', 'options', k] as DocPath })),
    ...(decision.no_decision
      ? [{ outcome: decision.no_decision, path: [...at, 'decision', 'no_decision'] as DocPath }]
      : []),
  ];
}

/** Every effect in the drill (inject effects and outcome effects) with its path. */
function effectsOf(scenario: Scenario): Array<{ effect: Effect; path: DocPath }> {
  return scenario.phases.flatMap((phase, p) =>
    phase.injects.flatMap((inject, i) => {
      const at: DocPath = ['phases', p, 'injects', i];
      return [
        ...(inject.effects ?? []).map((effect, k) => ({ effect, path: [...at, 'effects', k] as DocPath })),
        ...outcomesOf(inject, at).flatMap(({ outcome, path }) =>
          outcome.effects.map((effect, k) => ({ effect, path: [...path, 'effects', k] as DocPath })),
        ),
      ];
    }),
  );
}

/** Cross-reference diagnostics for a schema-valid scenario. */
export function crossReference(source: YamlSource, scenario: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (path, message, options = {}) => {
    const wrong = options.found?.replace(/^"|"$/g, '');
    const suggestion = options.known && wrong !== undefined ? closest(wrong, options.known) : undefined;
    out.push(
      diagnosticAt(source, path, message, {
        found: options.found,
        expected: options.expected,
        suggestion,
        severity: options.severity ?? 'error',
        key: options.key ?? false,
      }),
    );
  };
  const unknown = (path: DocPath, what: string, name: string, known: Iterable<string>, expected: string, key = false) =>
    report(path, what, { found: `"${name}"`, expected, known, key });

  const unique = (items: Array<{ id: string; path: DocPath }>, what: string) => {
    const seen = new Map<string, DocPath>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (first)
        report([...item.path, 'id'], `duplicate ${what} id`, {
          found: `"${item.id}"`,
          expected: `an id not already used (first at ${formatPath(first)})`,
        });
      else seen.set(item.id, item.path);
    }
  };

  const injects = new Map(scenario.phases.flatMap((ph) => ph.injects.map((inj) => [inj.id, inj] as const)));
  const endings = new Set(scenario.endings.map((e) => e.id));
  const storyTargets = new Set([...injects.keys(), ...endings]);
  const flags = new Set(Object.keys(scenario.flags));
  const defined = scenario.roles.define ?? {};
  const knownRoles = new Set<string>([...ROLES, ...Object.keys(defined)]);
  const roles = new Set(scenario.roles.in_play);
  const { estate } = scenario;
  const allEffects = effectsOf(scenario);
  const addedModels = allEffects.flatMap(({ effect }) => ('add_model' in effect ? [effect.add_model] : []));
  const models = new Set([...estate.models.map((m) => m.id), ...addedModels.map((m) => m.id)]);
  const endpoints = new Set(estate.endpoints.map((e) => e.id));
  const pipelines = new Set(estate.pipelines.map((e) => e.id));
  const metrics = new Set(estate.metrics.map((e) => e.id));
  const clocks = new Set(scenario.clocks.map((c) => c.id));
  const evidence = new Set([
    ...estate.evidence.map((e) => e.id),
    ...allEffects.flatMap(({ effect }) => ('evidence' in effect ? [effect.evidence.id] : [])),
  ]);

  unique(
    scenario.phases.map((ph, i) => ({ id: ph.id, path: ['phases', i] })),
    'phase',
  );
  unique(
    [
      ...scenario.phases.flatMap((ph, p) =>
        ph.injects.map((inj, i) => ({ id: inj.id, path: ['phases', p, 'injects', i] as DocPath })),
      ),
      ...scenario.endings.map((e, i) => ({ id: e.id, path: ['endings', i] as DocPath })),
    ],
    'inject or ending',
  );
  unique(
    scenario.expectations.map((e, i) => ({ id: e.id, path: ['expectations', i] })),
    'expectation',
  );
  unique(
    scenario.clocks.map((c, i) => ({ id: c.id, path: ['clocks', i] })),
    'clock',
  );
  unique(
    estate.models.map((m, i) => ({ id: m.id, path: ['estate', 'models', i] })),
    'model',
  );
  unique(
    estate.endpoints.map((m, i) => ({ id: m.id, path: ['estate', 'endpoints', i] })),
    'endpoint',
  );
  unique(
    estate.pipelines.map((m, i) => ({ id: m.id, path: ['estate', 'pipelines', i] })),
    'pipeline',
  );
  unique(
    estate.metrics.map((m, i) => ({ id: m.id, path: ['estate', 'metrics', i] })),
    'metric',
  );
  unique(
    estate.retrieval.map((m, i) => ({ id: m.id, path: ['estate', 'retrieval', i] })),
    'retrieval store',
  );
  unique(
    estate.agents.map((m, i) => ({ id: m.id, path: ['estate', 'agents', i] })),
    'agent',
  );
  unique(
    estate.datasets.map((m, i) => ({ id: m.id, path: ['estate', 'datasets', i] })),
    'dataset',
  );
  unique(
    estate.credentials.map((m, i) => ({ id: m.id, path: ['estate', 'credentials', i] })),
    'credential',
  );
  const stores = new Map(estate.retrieval.map((r) => [r.id, r]));
  const agents = new Map(estate.agents.map((a) => [a.id, a]));
  const datasets = new Map(estate.datasets.map((d) => [d.id, d]));
  const credentials = new Set(estate.credentials.map((c) => c.id));
  /** A store, agent or dataset, and an item inside it (a namespace, source, snapshot, tool, shard). */
  const checkPart = <T extends { id: string }>(
    map: Map<string, T>,
    what: string,
    id: string,
    path: DocPath,
    inner: Array<{ what: string; id: string | undefined; of: (item: T) => string[]; path: DocPath }>,
  ) => {
    const item = map.get(id);
    if (!item) return unknown([...path, 'id'], `unknown ${what}`, id, map.keys(), `one of ${list(map.keys())}`);
    for (const part of inner) {
      if (part.id === undefined) continue;
      const known = part.of(item);
      if (!known.includes(part.id))
        unknown(part.path, `unknown ${part.what} of ${what} "${id}"`, part.id, known, `one of ${list(known)}`);
    }
  };
  const snapshotsOf = (storeId: string) => [
    ...(stores.get(storeId)?.snapshots.map((x) => x.id) ?? []),
    ...effectsOf(scenario).flatMap(({ effect }) =>
      'retrieval' in effect && effect.retrieval.id === storeId && effect.retrieval.snapshot
        ? [effect.retrieval.snapshot.id]
        : [],
    ),
  ];
  const checkKind = (c: Condition | Effect, path: DocPath): boolean => {
    if ('retrieval' in c) {
      const r = c.retrieval;
      const at = [...path, 'retrieval'];
      const restore = 'restore' in r ? r.restore : 'restored' in r ? r.restored : undefined;
      const snapshot = typeof r.snapshot === 'string' ? r.snapshot : undefined;
      checkPart(stores, 'retrieval store', r.id, at, [
        {
          what: 'namespace',
          id: r.namespace?.id,
          of: (x) => x.namespaces.map((n) => n.id),
          path: [...at, 'namespace', 'id'],
        },
        { what: 'source', id: r.source?.id, of: (x) => x.sources.map((n) => n.id), path: [...at, 'source', 'id'] },
        { what: 'snapshot', id: snapshot, of: (x) => snapshotsOf(x.id), path: [...at, 'snapshot'] },
        {
          what: 'snapshot',
          id: restore,
          of: (x) => snapshotsOf(x.id),
          path: [...at, 'restore' in r ? 'restore' : 'restored'],
        },
      ]);
      return true;
    }
    if ('agent' in c) {
      const at = [...path, 'agent'];
      checkPart(agents, 'agent', c.agent.id, at, [
        { what: 'tool', id: c.agent.tool?.id, of: (x) => x.tools.map((t) => t.id), path: [...at, 'tool', 'id'] },
      ]);
      return true;
    }
    if ('dataset' in c) {
      const at = [...path, 'dataset'];
      checkPart(datasets, 'dataset', c.dataset.id, at, [
        { what: 'shard', id: c.dataset.shard?.id, of: (x) => x.shards.map((t) => t.id), path: [...at, 'shard', 'id'] },
      ]);
      return true;
    }
    if ('credential' in c) {
      checkIn(credentials, 'credential', c.credential.id, [...path, 'credential', 'id']);
      return true;
    }
    return false;
  };

  const checkFlag = (name: string, path: DocPath) => {
    if (!flags.has(name)) unknown(path, 'unknown flag', name, flags, `a flag declared under "flags": ${list(flags)}`);
  };
  const checkTarget = (name: string, path: DocPath) => {
    if (!storyTargets.has(name))
      unknown(path, 'unknown inject or ending', name, storyTargets, `one of ${list(storyTargets)}`);
  };
  const checkModel = (name: string, path: DocPath, key?: boolean) => {
    if (!models.has(name))
      unknown(
        path,
        'unknown model',
        name,
        models,
        `a model in estate.models or added by add_model: ${list(models)}`,
        key,
      );
  };
  const checkIn = (set: Set<string>, what: string, name: string, path: DocPath) => {
    if (!set.has(name)) unknown(path, `unknown ${what}`, name, set, `one of ${list(set)}`);
  };
  const checkChoice = (ref: string, path: DocPath) => {
    const [injectId, optionId] = ref.split('.') as [string, string];
    const inject = injects.get(injectId);
    if (!inject)
      unknown(path, 'unknown inject in choice reference', injectId, injects.keys(), `one of ${list(injects.keys())}`);
    else {
      const options = inject.decision?.options.map((o) => o.id) ?? [];
      if (!options.includes(optionId))
        unknown(path, `unknown option of inject "${injectId}"`, optionId, options, `one of ${list(options)}`);
    }
  };
  const checkRole = (role: string, path: DocPath, inPlay: boolean, severity?: 'warning') => {
    if (!knownRoles.has(role)) {
      unknown(
        path,
        'unknown role',
        role,
        knownRoles,
        `a built-in role (${list(ROLES, 3)}) or one defined under roles.define`,
      );
    } else if (inPlay && !roles.has(role)) {
      report(path, 'role not in play in this drill', {
        found: `"${role}"`,
        expected: `one of ${list(roles)}`,
        ...(severity ? { severity } : {}),
      });
    }
  };
  const checkTraffic = (to: Record<string, number>, path: DocPath) => {
    for (const model of Object.keys(to)) checkModel(model, [...path, model], true);
    const sum = Object.values(to).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 1e-9)
      report(path, 'traffic split does not add up', { found: `${sum}%`, expected: '100%' });
  };
  const checkCondition = (c: Condition, path: DocPath): void => {
    if (checkKind(c, path)) return;
    if ('flag' in c) checkFlag(c.flag, [...path, 'flag']);
    else if ('not' in c) checkCondition(c.not, [...path, 'not']);
    else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    else if ('chose' in c) checkChoice(c.chose, [...path, 'chose']);
    else if ('pipeline' in c) checkIn(pipelines, 'pipeline', c.pipeline.id, [...path, 'pipeline', 'id']);
    else if ('serving' in c) {
      checkIn(endpoints, 'endpoint', c.serving.endpoint, [...path, 'serving', 'endpoint']);
      checkModel(c.serving.model, [...path, 'serving', 'model']);
    } else if ('clock' in c) checkIn(clocks, 'clock', c.clock.id, [...path, 'clock', 'id']);
    else if ('evidence' in c) checkIn(evidence, 'evidence item', c.evidence.id, [...path, 'evidence', 'id']);
  };
  const checkNext = (next: Next | undefined, path: DocPath) => {
    if (next === undefined) return;
    if (typeof next === 'string') return checkTarget(next, path);
    next.forEach((route, k) => {
      if (route.when) checkCondition(route.when, [...path, k, 'when']);
      checkTarget(route.to, [...path, k, 'to']);
    });
  };
  const checkEffect = (e: Effect, path: DocPath) => {
    if (checkKind(e, path)) return;
    if ('flag' in e)
      flagsOf(e.flag).forEach((f, i) => checkFlag(f, Array.isArray(e.flag) ? [...path, 'flag', i] : [...path, 'flag']));
    else if ('clear' in e)
      flagsOf(e.clear).forEach((f, i) =>
        checkFlag(f, Array.isArray(e.clear) ? [...path, 'clear', i] : [...path, 'clear']),
      );
    else if ('traffic' in e) {
      checkIn(endpoints, 'endpoint', e.traffic.endpoint, [...path, 'traffic', 'endpoint']);
      checkTraffic(e.traffic.to, [...path, 'traffic', 'to']);
    } else if ('pipeline' in e) checkIn(pipelines, 'pipeline', e.pipeline.id, [...path, 'pipeline', 'id']);
    else if ('evidence' in e) {
      if (e.evidence.of) checkModel(e.evidence.of, [...path, 'evidence', 'of']);
    } else if ('evidence_state' in e)
      checkIn(evidence, 'evidence item', e.evidence_state.id, [...path, 'evidence_state', 'id']);
    else if ('model' in e) checkModel(e.model.id, [...path, 'model', 'id']);
    else if ('metric' in e) checkIn(metrics, 'metric', e.metric.id, [...path, 'metric', 'id']);
  };
  const checkMitigations = (ids: string[], path: DocPath) =>
    ids.forEach((id, i) => {
      if (!atlasMitigation(id))
        report([...path, i], `not an ATLAS v${ATLAS_VERSION} mitigation`, {
          found: `"${id}"`,
          expected: 'an ID from AML.M0000 to AML.M0034',
        });
    });
  const checkRequirement = (r: Requirement, at: DocPath) => {
    if ('flag' in r) {
      checkFlag(r.flag, [...at, 'flag']);
      if (r.after !== undefined) checkFlag(r.after, [...at, 'after']);
    } else if ('before' in r) r.before.forEach((f, k) => checkFlag(f, [...at, 'before', k]));
    else if ('never' in r) checkFlag(r.never, [...at, 'never']);
    else if ('clock' in r) checkIn(clocks, 'clock', r.clock.id, [...at, 'clock', 'id']);
    else if ('holds' in r) checkCondition(r.holds, [...at, 'holds']);
    else checkChoice(r.chose, [...at, 'chose']);
  };

  scenario.frameworks.atlas.forEach((id, i) => {
    if (!atlasTechnique(id))
      report(['frameworks', 'atlas', i], `not an ATLAS v${ATLAS_VERSION} technique`, {
        found: `"${id}"`,
        expected: 'a technique or sub-technique ID in the ATLAS catalog',
      });
  });
  scenario.roles.in_play.forEach((r, i) => checkRole(r, ['roles', 'in_play', i], false));
  if (knownRoles.has(scenario.roles.lead) && !roles.has(scenario.roles.lead)) {
    report(['roles', 'lead'], 'the lead role is not in play', {
      found: `"${scenario.roles.lead}"`,
      expected: `one of ${list(roles)}`,
    });
  } else checkRole(scenario.roles.lead, ['roles', 'lead'], false);
  for (const id of Object.keys(defined)) {
    if ((ROLES as readonly string[]).includes(id))
      report(['roles', 'define', id], 'a built-in role cannot be redefined', {
        found: `"${id}"`,
        expected: 'a new role id',
        key: true,
      });
  }

  estate.endpoints.forEach((e, i) => checkTraffic(e.traffic, ['estate', 'endpoints', i, 'traffic']));
  estate.metrics.forEach((m, i) => {
    if (m.stops_on === undefined) return;
    flagsOf(m.stops_on).forEach((f, k) =>
      checkFlag(
        f,
        Array.isArray(m.stops_on) ? ['estate', 'metrics', i, 'stops_on', k] : ['estate', 'metrics', i, 'stops_on'],
      ),
    );
  });
  estate.evidence.forEach((e, i) => e.of && checkModel(e.of, ['estate', 'evidence', i, 'of']));
  estate.agents.forEach((a, i) => a.model && checkModel(a.model, ['estate', 'agents', i, 'model']));
  estate.retrieval.forEach((r, i) =>
    r.sources.forEach((src, k) => {
      const namespaces = r.namespaces.map((n) => n.id);
      if (src.namespace && !namespaces.includes(src.namespace))
        unknown(
          ['estate', 'retrieval', i, 'sources', k, 'namespace'],
          `unknown namespace of retrieval store "${r.id}"`,
          src.namespace,
          namespaces,
          `one of ${list(namespaces)}`,
        );
    }),
  );
  scenario.clocks.forEach((c, i) => {
    if (c.starts_on) checkFlag(c.starts_on, ['clocks', i, 'starts_on']);
    checkFlag(c.stops_on, ['clocks', i, 'stops_on']);
  });
  checkAliases(scenario, addedModels, report);

  const flagsSet = new Set<string>();
  for (const { effect, path } of allEffects) {
    checkEffect(effect, path);
    if ('flag' in effect) flagsOf(effect.flag).forEach((f) => flagsSet.add(f));
  }
  scenario.phases.forEach((phase, p) =>
    phase.injects.forEach((inject, i) => {
      const at: DocPath = ['phases', p, 'injects', i];
      checkNext(inject.next, [...at, 'next']);
      if (inject.when) checkCondition(inject.when, [...at, 'when']);
      const decision = inject.decision;
      if (!decision) return;
      unique(
        decision.options.map((o, k) => ({ id: o.id, path: [...at, 'decision', 'options', k] })),
        'option',
      );
      decision.deciders.forEach((r, k) => checkRole(r, [...at, 'decision', 'deciders', k], true));
      decision.options.forEach((o, k) => o.when && checkCondition(o.when, [...at, 'decision', 'options', k, 'when']));
      if (decision.options.every((o) => o.when)) {
        report(
          [...at, 'decision', 'options'],
          'every option has a "when": in some states the team may have nothing to choose',
          { expected: 'at least one option offered in every state', severity: 'warning' },
        );
      }
      for (const { outcome, path } of outcomesOf(inject, at)) {
        checkNext(outcome.next, [...path, 'next']);
        checkMitigations(outcome.mitigations, [...path, 'mitigations']);
      }
    }),
  );

  const knownCsf = csfIds();
  scenario.expectations.forEach((e, i) => {
    const at: DocPath = ['expectations', i];
    checkRequirement(e.require, [...at, 'require']);
    checkMitigations(e.mitigations, [...at, 'mitigations']);
    e.csf.forEach((id, k) => {
      if (!isCsfId(id))
        report([...at, 'csf', k], 'not a NIST CSF 2.0 category or subcategory', {
          found: `"${id}"`,
          expected: 'an ID in the CSF 2.0 core, such as "RS.MI-01" (CSF 1.1 IDs such as "RS.AN-01" were withdrawn)',
          known: knownCsf,
        });
    });
    const owner = e.owner;
    if (typeof owner === 'string') checkRole(owner, [...at, 'owner'], true, 'warning');
    else if (owner?.role !== undefined) checkRole(owner.role, [...at, 'owner', 'role'], false);
    e.objectives?.forEach((n, k) => {
      if (n > scenario.objectives.length)
        report([...at, 'objectives', k], 'no such objective', {
          found: String(n),
          expected: `an objective number from 1 to ${scenario.objectives.length}`,
        });
    });
  });
  checkObjectiveLinks(scenario, report);

  for (const flag of flags) {
    if (!flagsSet.has(flag))
      report(['flags', flag], 'flag is declared but no option sets it', {
        found: `"${flag}"`,
        expected: 'an effect that sets it, or remove it',
        severity: 'warning',
        key: true,
      });
  }

  // The last inject in the file has nothing after it: it must say where it goes. (Taken from the
  // document, not from the id maps, which keep only the first of two injects sharing an id.)
  const lastPhase = scenario.phases.length - 1;
  const lastIndex = scenario.phases[lastPhase]!.injects.length - 1;
  const last = scenario.phases[lastPhase]!.injects[lastIndex]!;
  const lastOutcomes = [
    ...(last.decision?.options ?? []),
    ...(last.decision?.no_decision ? [last.decision.no_decision] : []),
  ];
  const lastLeadsOn =
    last.next !== undefined ||
    (last.decision !== undefined && last.decision.no_decision?.next !== undefined && lastOutcomes.every((o) => o.next));
  if (!lastLeadsOn) {
    report(
      ['phases', lastPhase, 'injects', lastIndex, 'next'],
      'dead end: the last inject does not say where the story goes',
      { expected: 'a "next" naming an ending (on the inject, or on every option and on no_decision)' },
    );
  }
  return out;
}

/** Once a drill links its critical tasks to objectives, every objective should be tested by one. */
function checkObjectiveLinks(scenario: Scenario, report: Report): void {
  if (!scenario.expectations.some((e) => e.objectives)) return;
  scenario.objectives.forEach((_, i) => {
    if (scenario.expectations.some((e) => e.objectives?.includes(i + 1))) return;
    report(['objectives', i], 'no critical task tests this objective', {
      found: `objective ${i + 1}`,
      expected: `"objectives: [${i + 1}]" on the expectations that test it (the report's exercise design summary maps each objective to them)`,
      severity: 'warning',
    });
  });
}

/**
 * An alias names one model per family (`family` on a model; models without one share a family).
 * Warns when two models of a family start with the same alias (the first move would silently take
 * it from one), and when a move would take an alias from a model of another name in a drill that
 * declares no families (say, rolling back the LLM strips `production` from the embedding model).
 */
function checkAliases(scenario: Scenario, added: Scenario['estate']['models'], report: Report): void {
  const { models } = scenario.estate;
  const holders = new Map<string, number>();
  models.forEach((m, i) => {
    if (!m.alias) return;
    const key = `${m.family ?? ''}\n${m.alias}`;
    const first = holders.get(key);
    if (first === undefined) holders.set(key, i);
    else {
      report(
        ['estate', 'models', i, 'alias'],
        `alias "${m.alias}" is already on model "${models[first]!.id}" of the same family`,
        {
          found: `"${m.alias}"`,
          expected: 'one model per alias and family (give the models a different "family")',
          severity: 'warning',
        },
      );
    }
  });
  if ([...models, ...added].some((m) => m.family !== undefined)) return;
  const all = [...models, ...added];
  scenario.phases.forEach((phase, p) =>
    phase.injects.forEach((inject, i) =>
      outcomesOf(inject, ['phases', p, 'injects', i]).forEach(({ outcome, path }) =>
        outcome.effects.forEach((effect, k) => {
          if (!('model' in effect) || !effect.model.alias) return;
          const target = all.find((m) => m.id === effect.model.id);
          const other = models.find(
            (m) => m.alias === effect.model.alias && m.id !== effect.model.id && m.name !== target?.name,
          );
          if (!target || !other) return;
          report(
            [...path, 'effects', k, 'model', 'alias'],
            `moving alias "${effect.model.alias}" to "${target.id}" also takes it from "${other.id}"`,
            {
              found: `"${effect.model.alias}"`,
              expected: 'a "family" on the models, so each family keeps its own aliases',
              severity: 'warning',
            },
          );
        }),
      ),
    ),
  );
}

/** The document path of each inject, for diagnostics found by the path search. */
export function injectPathsOf(scenario: Scenario): Map<string, DocPath> {
  const paths = new Map<string, DocPath>();
  scenario.phases.forEach((phase, p) =>
    phase.injects.forEach((inject, i) => paths.set(inject.id, ['phases', p, 'injects', i])),
  );
  return paths;
}
