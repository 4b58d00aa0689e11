/**
 * The flow of a drill as a Mermaid state diagram: phases as composite states, an arrow per
 * option (labelled with its id), dashed notes for conditional injects.
 */
import type { Drill } from './drill.ts';
import type { Condition } from './schema.ts';

const node = (id: string) => id.replace(/-/g, '_');
const quote = (text: string) => text.replace(/["\n]/g, ' ').replace(/:/g, ' -');

function describeCondition(c: Condition): string {
  if ('flag' in c) return c.flag;
  if ('not' in c) return `not ${describeCondition(c.not)}`;
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('chose' in c) return `chose ${c.chose}`;
  if ('pipeline' in c) return `${c.pipeline.id} ${c.pipeline.status}`;
  return `${c.serving.endpoint} serves ${c.serving.model}`;
}

/** Mermaid `stateDiagram-v2` source for a drill. */
export function toMermaid(drill: Drill): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${node(drill.first)}`];
  for (const phase of drill.scenario.phases) {
    lines.push(`  state "${quote(phase.title)}" as phase_${node(phase.id)} {`);
    for (const inject of phase.injects) lines.push(`    ${node(inject.id)} : ${quote(inject.title)}`);
    lines.push('  }');
  }
  for (const [id, entry] of Object.entries(drill.injects)) {
    const decision = entry.inject.decision;
    if (entry.inject.when) {
      lines.push(`  note right of ${node(id)} : only if ${quote(describeCondition(entry.inject.when))}`);
      if (entry.defaultNext) lines.push(`  ${node(id)} --> ${node(entry.defaultNext)} : passed over`);
    }
    if (!decision) {
      if (entry.defaultNext) lines.push(`  ${node(id)} --> ${node(entry.defaultNext)}`);
      continue;
    }
    const targets = new Map<string, string[]>();
    for (const option of decision.options) {
      const target = option.next ?? entry.defaultNext!;
      targets.set(target, [...(targets.get(target) ?? []), option.id]);
    }
    const silent = decision.no_decision?.next ?? entry.defaultNext!;
    targets.set(silent, [...(targets.get(silent) ?? []), 'no decision']);
    for (const [target, labels] of targets) lines.push(`  ${node(id)} --> ${node(target)} : ${quote(labels.join(', '))}`);
  }
  for (const ending of drill.scenario.endings) {
    lines.push(`  ${node(ending.id)} : ${quote(`${ending.title} (${ending.kind})`)}`);
    lines.push(`  ${node(ending.id)} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}
