/**
 * Conditions and requirements of a drill in words a controller reads: flag descriptions, option
 * labels and estate labels instead of ids, durations in the report's one format (`1h30m`).
 */
import { durationMinutes, formatMinutes } from '../../engine/duration.ts';
import type { Drill } from '../../engine/drill.ts';
import type { Condition, Requirement } from '../../engine/schema.ts';
import { capitalise, clause, uncapitalise } from '../format.ts';

const CLOCK_STATUS: Record<string, string> = {
  'not-started': 'not started',
  running: 'running',
  met: 'met',
  breached: 'breached',
};

/** A flag's description as a clause ("a security incident was declared"), or its id in words. */
export function flagWords(drill: Drill, flag: string): string {
  const text = drill.scenario.flags[flag];
  return text ? uncapitalise(clause(text)) : flag.replace(/-/g, ' ');
}

/** The label of an inject's option, quoted, with the inject's title: `“Roll back” at “Alert”`. */
export function choiceWords(drill: Drill, ref: string): string {
  const [injectId, optionId] = ref.split('.') as [string, string];
  const inject = drill.injects[injectId]?.inject;
  const label = inject?.decision?.options.find((o) => o.id === optionId)?.label ?? optionId;
  return `“${clause(label)}” at “${inject?.title ?? injectId}”`;
}

/** The label the estate gives an item of one kind, or the id. */
function estateLabel(
  drill: Drill,
  kind: 'pipelines' | 'endpoints' | 'retrieval' | 'agents' | 'datasets' | 'credentials',
  id: string,
): string {
  const item = (drill.scenario.estate[kind] as Array<{ id: string; label?: string | undefined }>).find(
    (x) => x.id === id,
  );
  return item?.label ?? id;
}

function modelLabel(drill: Drill, id: string): string {
  const m = drill.scenario.estate.models.find((x) => x.id === id) ?? findAddedModel(drill, id);
  return m ? `${m.name ?? m.id} v${m.version}` : id;
}

function findAddedModel(drill: Drill, id: string) {
  for (const entry of Object.values(drill.injects)) {
    for (const option of entry.inject.decision?.options ?? []) {
      for (const effect of option.effects)
        if ('add_model' in effect && effect.add_model.id === id) return effect.add_model;
    }
  }
  return undefined;
}

function evidenceLabel(drill: Drill, id: string): string {
  const declared = drill.scenario.estate.evidence.find((e) => e.id === id);
  if (declared) return declared.label;
  for (const entry of Object.values(drill.injects)) {
    for (const option of entry.inject.decision?.options ?? []) {
      for (const effect of option.effects)
        if ('evidence' in effect && effect.evidence.id === id) return effect.evidence.label;
    }
  }
  return id;
}

const group = (text: string, parts: number): string => (parts > 1 ? `(${text})` : text);

/** A condition in words: "the team chose “Roll back” at “Alert” and the Containment SLA clock is met". */
export function conditionWords(drill: Drill, c: Condition): string {
  if ('flag' in c) return flagWords(drill, c.flag);
  if ('not' in c) return `not (${conditionWords(drill, c.not)})`;
  if ('all' in c) return c.all.map((x) => group(conditionWords(drill, x), 'any' in x ? 2 : 1)).join(' and ');
  if ('any' in c) return c.any.map((x) => group(conditionWords(drill, x), 'all' in x ? 2 : 1)).join(' or ');
  if ('chose' in c) return `the team chose ${choiceWords(drill, c.chose)}`;
  if ('pipeline' in c) return `“${estateLabel(drill, 'pipelines', c.pipeline.id)}” is ${c.pipeline.status}`;
  if ('serving' in c)
    return `“${estateLabel(drill, 'endpoints', c.serving.endpoint)}” serves ${modelLabel(drill, c.serving.model)}`;
  if ('clock' in c) {
    const clock = drill.scenario.clocks.find((k) => k.id === c.clock.id);
    return `the clock “${clock?.label ?? c.clock.id}” is ${CLOCK_STATUS[c.clock.status]}`;
  }
  if ('time' in c) {
    const { from, before } = c.time;
    const parts = [
      from ? `from ${formatMinutes(durationMinutes(from))}` : '',
      before ? `before ${formatMinutes(durationMinutes(before))}` : '',
    ].filter(Boolean);
    return `sim time is ${parts.join(' and ')}`;
  }
  if ('evidence' in c)
    return `the evidence “${evidenceLabel(drill, c.evidence.id)}” is ${c.evidence.status ?? 'kept (not lost)'}`;
  if ('retrieval' in c) {
    const { id, namespace, source, snapshot, restored } = c.retrieval;
    const store = drill.scenario.estate.retrieval.find((r) => r.id === id);
    const label = <T extends { id: string; label?: string | undefined }>(list: T[] | undefined, key: string) =>
      list?.find((x) => x.id === key)?.label ?? key;
    const parts = [
      namespace && `namespace “${label(store?.namespaces, namespace.id)}” ${namespace.status}`,
      source && `source “${label(store?.sources, source.id)}” ${source.status}`,
      snapshot && `snapshot “${label(store?.snapshots, snapshot)}” taken`,
      restored && `restored from “${label(store?.snapshots, restored)}”`,
    ];
    return `in “${store?.label ?? id}”: ${parts.filter(Boolean).join(', ')}`;
  }
  if ('agent' in c) {
    const { id, status, session_binding: bound, tool } = c.agent;
    const agent = drill.scenario.estate.agents.find((a) => a.id === id);
    const toolLabel = tool ? (agent?.tools.find((t) => t.id === tool.id)?.label ?? tool.id) : '';
    const parts = [
      status,
      bound === undefined
        ? undefined
        : bound
          ? 'tools bound to the user’s session'
          : 'tools not bound to the user’s session',
      tool &&
        [
          `tool “${toolLabel}”`,
          tool.permission === undefined ? undefined : `set to ${tool.permission}`,
          tool.cap_at_most === undefined ? undefined : `capped at ${tool.cap_at_most} or less`,
        ]
          .filter(Boolean)
          .join(' '),
    ];
    return `the agent “${agent?.label ?? id}” is ${parts.filter(Boolean).join(', ')}`;
  }
  if ('dataset' in c) {
    const { id, provenance, version, shard } = c.dataset;
    const data = drill.scenario.estate.datasets.find((d) => d.id === id);
    const parts = [
      provenance && `${provenance}`,
      version === undefined ? undefined : `at version ${version}`,
      shard && `shard “${data?.shards.find((s) => s.id === shard.id)?.label ?? shard.id}” ${shard.status}`,
    ];
    return `the dataset “${data?.label ?? id}” is ${parts.filter(Boolean).join(', ')}`;
  }
  return `the credential “${estateLabel(drill, 'credentials', c.credential.id)}” is ${c.credential.status}`;
}

/** A critical task's standard in words: what must happen and by when ("by 2h", "never: …"). */
export function requirementWords(drill: Drill, r: Requirement): string {
  if ('flag' in r) {
    const timing = [
      r.by ? `by ${formatMinutes(durationMinutes(r.by))} of sim time` : '',
      r.within && r.after
        ? `within ${formatMinutes(durationMinutes(r.within))} of when ${flagWords(drill, r.after)}`
        : '',
    ].filter(Boolean);
    return `${capitalise(flagWords(drill, r.flag))}${timing.length ? `, ${timing.join(' and ')}` : ''}.`;
  }
  if ('before' in r) return `${capitalise(flagWords(drill, r.before[0]))}, before ${flagWords(drill, r.before[1])}.`;
  if ('never' in r) return `Never: ${flagWords(drill, r.never)}.`;
  if ('chose' in r) return `The team chooses ${choiceWords(drill, r.chose)}.`;
  if ('clock' in r) {
    const clock = drill.scenario.clocks.find((k) => k.id === r.clock.id);
    const limit = clock ? ` (limit ${formatMinutes(durationMinutes(clock.limit))})` : '';
    return `The clock “${clock?.label ?? r.clock.id}”${limit} ends ${CLOCK_STATUS[r.clock.status]}.`;
  }
  return `At the end: ${conditionWords(drill, r.holds)}.`;
}
