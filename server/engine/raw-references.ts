/**
 * Reference checks on a drill that failed the schema: the parts that did parse still get their
 * story links, flags, clocks and estate ids checked (a schema error elsewhere must not hide an
 * unknown `next` or a misspelt model). Reads the raw document defensively; anything not shaped as
 * expected is left to the schema errors.
 */
import type { Diagnostic, DocPath } from './diagnostics.ts';
import { closest } from './suggest.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const quoted = (names: Iterable<string>, max = 8) => {
  const all = [...names];
  const shown = all
    .slice(0, max)
    .map((n) => `"${n}"`)
    .join(', ');
  return all.length > max ? `${shown}, ... (${all.length} in all)` : shown;
};

/** Unknown story targets and flags in the parts of a raw drill that can be read. */
export function rawReferences(source: YamlSource): Diagnostic[] {
  const data = source.data;
  if (!isObject(data)) return [];
  const out: Diagnostic[] = [];
  const injects = list(data.phases).flatMap((phase, p) =>
    isObject(phase)
      ? list(phase.injects).flatMap((inject, i) =>
          isObject(inject) ? [{ inject, path: ['phases', p, 'injects', i] as DocPath }] : [],
        )
      : [],
  );
  const ids = (items: unknown[]) => items.flatMap((x) => (isObject(x) && typeof x.id === 'string' ? [x.id] : []));
  const targets = new Set([...ids(injects.map((x) => x.inject)), ...ids(list(data.endings))]);
  const flags = new Set(isObject(data.flags) ? Object.keys(data.flags) : []);
  // A misnamed flag declaration is already a schema error: do not also call each use of it unknown.
  const flagsUsable = flags.size > 0 && [...flags].every((f) => SLUG.test(f));
  const unknown = (path: DocPath, what: string, name: string, known: Set<string>, expected: string) =>
    out.push(diagnosticAt(source, path, what, { found: `"${name}"`, expected, suggestion: closest(name, known) }));

  const checkNext = (next: unknown, path: DocPath) => {
    if (typeof next === 'string') {
      if (SLUG.test(next) && !targets.has(next))
        unknown(path, 'unknown inject or ending', next, targets, `one of ${quoted(targets)}`);
      return;
    }
    list(next).forEach((route, k) => {
      if (isObject(route)) {
        checkNext(route.to, [...path, k, 'to']);
        checkCondition(route.when, [...path, k, 'when']);
      }
    });
  };
  const checkFlag = (name: unknown, path: DocPath) => {
    if (typeof name === 'string' && SLUG.test(name) && flagsUsable && !flags.has(name)) {
      unknown(path, 'unknown flag', name, flags, `a flag declared under "flags": ${quoted(flags)}`);
    }
  };
  // Estate ids by kind; a kind whose list does not read cleanly is not checked (its schema errors say why).
  const estate = isObject(data.estate) ? data.estate : {};
  const idsOf = (value: unknown): Set<string> | null => {
    const items = list(value);
    return items.every((x) => isObject(x) && typeof x.id === 'string' && SLUG.test(x.id)) ? new Set(ids(items)) : null;
  };
  const everyEffect = injects.flatMap(({ inject }) => [
    ...list(inject.effects),
    ...(isObject(inject.decision)
      ? list(inject.decision.options).flatMap((o) => (isObject(o) ? list(o.effects) : []))
      : []),
    ...(isObject(inject.decision) && isObject(inject.decision.no_decision)
      ? list(inject.decision.no_decision.effects)
      : []),
  ]);
  const added = (key: string) =>
    everyEffect.flatMap((e) => (isObject(e) && isObject(e[key]) && typeof e[key].id === 'string' ? [e[key].id] : []));
  const withAdded = (known: Set<string> | null, more: string[]) => (known ? new Set([...known, ...more]) : null);
  const known: Record<string, { ids: Set<string> | null; what: string; expected: string }> = {
    model: {
      ids: withAdded(idsOf(estate.models), added('add_model')),
      what: 'model',
      expected: 'a model in estate.models or added by add_model',
    },
    endpoint: { ids: idsOf(estate.endpoints), what: 'endpoint', expected: 'an endpoint in estate.endpoints' },
    pipeline: { ids: idsOf(estate.pipelines), what: 'pipeline', expected: 'a pipeline in estate.pipelines' },
    metric: { ids: idsOf(estate.metrics), what: 'metric', expected: 'a metric in estate.metrics' },
    evidence: {
      ids: withAdded(idsOf(estate.evidence), added('evidence')),
      what: 'evidence item',
      expected: 'an evidence item in estate.evidence or preserved by an effect',
    },
    agent: { ids: idsOf(estate.agents), what: 'agent', expected: 'an agent in estate.agents' },
    retrieval: { ids: idsOf(estate.retrieval), what: 'retrieval store', expected: 'a store in estate.retrieval' },
    dataset: { ids: idsOf(estate.datasets), what: 'dataset', expected: 'a dataset in estate.datasets' },
    credential: { ids: idsOf(estate.credentials), what: 'credential', expected: 'a credential in estate.credentials' },
    clock: { ids: idsOf(data.clocks), what: 'clock', expected: 'a clock under "clocks"' },
  };
  const checkId = (kind: keyof typeof known, name: unknown, path: DocPath) => {
    const { ids: names, what, expected } = known[kind]!;
    if (names && typeof name === 'string' && SLUG.test(name) && !names.has(name))
      unknown(path, `unknown ${what}`, name, names, `${expected}: ${quoted(names)}`);
  };
  /** The `{ kind: { id } }` references an effect or a condition makes to the estate and the clocks. */
  const checkEstate = (item: Raw, path: DocPath, kinds: ReadonlyArray<keyof typeof known>) => {
    for (const kind of kinds) if (isObject(item[kind])) checkId(kind, item[kind].id, [...path, kind, 'id']);
  };
  const ESTATE_KINDS = ['model', 'pipeline', 'metric', 'agent', 'retrieval', 'dataset', 'credential'] as const;

  const checkFlags = (value: unknown, path: DocPath) =>
    Array.isArray(value) ? value.forEach((f, k) => checkFlag(f, [...path, k])) : checkFlag(value, path);
  function checkCondition(c: unknown, path: DocPath): void {
    if (!isObject(c)) return;
    if ('flag' in c) checkFlag(c.flag, [...path, 'flag']);
    checkEstate(c, path, [...ESTATE_KINDS, 'evidence', 'clock']);
    if (isObject(c.serving)) {
      checkId('endpoint', c.serving.endpoint, [...path, 'serving', 'endpoint']);
      checkId('model', c.serving.model, [...path, 'serving', 'model']);
    }
    if ('not' in c) checkCondition(c.not, [...path, 'not']);
    for (const key of ['all', 'any'] as const) list(c[key]).forEach((x, k) => checkCondition(x, [...path, key, k]));
  }
  const checkEffects = (effects: unknown, path: DocPath) =>
    list(effects).forEach((e, k) => {
      if (!isObject(e)) return;
      if ('flag' in e) checkFlags(e.flag, [...path, k, 'flag']);
      if ('clear' in e) checkFlags(e.clear, [...path, k, 'clear']);
      checkEstate(e, [...path, k], ESTATE_KINDS);
      if (isObject(e.evidence_state)) checkId('evidence', e.evidence_state.id, [...path, k, 'evidence_state', 'id']);
      if (isObject(e.evidence)) checkId('model', e.evidence.of, [...path, k, 'evidence', 'of']);
      if (isObject(e.traffic)) {
        checkId('endpoint', e.traffic.endpoint, [...path, k, 'traffic', 'endpoint']);
        if (isObject(e.traffic.to))
          for (const model of Object.keys(e.traffic.to)) checkId('model', model, [...path, k, 'traffic', 'to', model]);
      }
    });

  for (const { inject, path } of injects) {
    checkNext(inject.next, [...path, 'next']);
    checkCondition(inject.when, [...path, 'when']);
    checkEffects(inject.effects, [...path, 'effects']);
    const decision = isObject(inject.decision) ? inject.decision : undefined;
    list(decision?.options).forEach((o, k) => {
      if (!isObject(o)) return;
      const at = [...path, 'decision', 'options', k];
      checkNext(o.next, [...at, 'next']);
      checkCondition(o.when, [...at, 'when']);
      checkEffects(o.effects, [...at, 'effects']);
    });
    if (isObject(decision?.no_decision)) {
      checkNext(decision.no_decision.next, [...path, 'decision', 'no_decision', 'next']);
      checkEffects(decision.no_decision.effects, [...path, 'decision', 'no_decision', 'effects']);
    }
  }
  return out;
}
