/**
 * The flow of a drill as a Mermaid flowchart: phases as subgraphs, an arrow per destination
 * labelled with the options that lead there (and the condition of a conditional `next`), dotted
 * arrows where an inject with a `when` is passed over, endings as rounded nodes.
 *
 * Every label is a quoted Mermaid string with the characters Mermaid reads specially written as
 * its entity codes (`#quot;`, `#35;`…), so titles such as "08:10 alert" print as written. Node ids
 * are prefixed, so an id such as `end` (a Mermaid keyword) cannot break the diagram.
 */
import { formatMinutes, durationMinutes } from './duration.ts';
import type { Drill } from './drill.ts';
import type { Condition, Next } from './schema.ts';

const node = (id: string) => `n_${id.replace(/-/g, '_')}`;

const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '|': '#124;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '\n': ' ',
};

/** A label as a quoted Mermaid string. */
export function mermaidLabel(text: string): string {
  return `"${text.replace(/["#|<>`\n]/g, (c) => ENTITIES[c]!)}"`;
}

/** A condition in words, for labels. */
export function describeCondition(c: Condition): string {
  if ('flag' in c) return c.flag;
  if ('not' in c) return `not ${describeCondition(c.not)}`;
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('chose' in c) return `chose ${c.chose}`;
  if ('pipeline' in c) return `${c.pipeline.id} ${c.pipeline.status}`;
  if ('serving' in c) return `${c.serving.endpoint} serves ${c.serving.model}`;
  if ('clock' in c) return `${c.clock.id} ${c.clock.status}`;
  if ('time' in c) {
    const { from, before } = c.time;
    return [
      from ? `from ${formatMinutes(durationMinutes(from))}` : '',
      before ? `before ${formatMinutes(durationMinutes(before))}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
  }
  if ('evidence' in c) return `evidence ${c.evidence.id}${c.evidence.status ? ` ${c.evidence.status}` : ''}`;
  if ('retrieval' in c) {
    const { id, namespace, source, snapshot, restored } = c.retrieval;
    const parts = [
      namespace && `${namespace.id} ${namespace.status}`,
      source && `${source.id} ${source.status}`,
      snapshot && `snapshot ${snapshot}`,
      restored && `restored from ${restored}`,
    ];
    return `${id}: ${parts.filter(Boolean).join(', ')}`;
  }
  if ('agent' in c) {
    const { id, status, session_binding: bound, tool } = c.agent;
    const parts = [
      status,
      bound === undefined ? undefined : bound ? 'session-bound' : 'not session-bound',
      tool &&
        [tool.id, tool.permission, tool.cap_at_most === undefined ? undefined : `cap ≤ ${tool.cap_at_most}`]
          .filter(Boolean)
          .join(' '),
    ];
    return `agent ${id} ${parts.filter(Boolean).join(', ')}`;
  }
  if ('dataset' in c) {
    const { id, provenance, version, shard } = c.dataset;
    return `dataset ${id} ${[provenance, version === undefined ? undefined : `v${version}`, shard && `${shard.id} ${shard.status}`].filter(Boolean).join(', ')}`;
  }
  return `credential ${c.credential.id} ${c.credential.status}`;
}

/** The destinations of a `next`, each with the words that say when it is taken. */
function routesOf(next: Next | undefined): Array<{ to: string; when: string | undefined }> {
  if (next === undefined) return [];
  if (typeof next === 'string') return [{ to: next, when: undefined }];
  return next.map((route, i) => ({
    to: route.to,
    when: route.when ? `if ${describeCondition(route.when)}` : i > 0 ? 'otherwise' : undefined,
  }));
}

/** Mermaid `flowchart` source for a drill. */
export function toMermaid(drill: Drill): string {
  const lines = ['flowchart TD', `  start((${mermaidLabel('start')})) --> ${node(drill.first)}`];
  for (const phase of drill.scenario.phases) {
    lines.push(`  subgraph phase_${node(phase.id)}[${mermaidLabel(phase.title)}]`);
    for (const inject of phase.injects) lines.push(`    ${node(inject.id)}[${mermaidLabel(inject.title)}]`);
    lines.push('  end');
  }
  for (const ending of drill.scenario.endings)
    lines.push(`  ${node(ending.id)}([${mermaidLabel(`${ending.title} (${ending.kind})`)}])`);
  for (const [id, entry] of Object.entries(drill.injects)) {
    const decision = entry.inject.decision;
    if (entry.inject.when) {
      for (const route of routesOf(entry.defaultNext)) {
        const label = [`passed over unless ${describeCondition(entry.inject.when)}`, route.when]
          .filter(Boolean)
          .join(', ');
        lines.push(`  ${node(id)} -.->|${mermaidLabel(label)}| ${node(route.to)}`);
      }
    }
    const edges = new Map<string, string[]>();
    const add = (label: string | undefined, next: Next | undefined) => {
      for (const route of routesOf(next)) {
        const words = [label, route.when].filter(Boolean).join(' ');
        edges.set(route.to, [...(edges.get(route.to) ?? []), ...(words ? [words] : [])]);
      }
    };
    if (!decision) add(undefined, entry.defaultNext);
    else {
      for (const option of decision.options) add(option.id, option.next ?? entry.defaultNext);
      add('no decision', decision.no_decision?.next ?? entry.defaultNext);
    }
    for (const [target, labels] of edges) {
      lines.push(
        labels.length
          ? `  ${node(id)} -->|${mermaidLabel(labels.join(', '))}| ${node(target)}`
          : `  ${node(id)} --> ${node(target)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
