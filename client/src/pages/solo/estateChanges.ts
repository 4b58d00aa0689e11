/**
 * What one decision changed, in words: the estate (models, traffic, pipelines, evidence) and
 * the clocks, read by comparing the progress before and after it (display only).
 */
import type { ClockView, EstateView, TeamProgressView } from '../../../../protocol/messages.ts';
import { clockReading } from '../../components/Clocks.tsx';
import { duration, money } from '../../text/units.ts';
import { messages } from '../../text/messages.ts';

const modelName = (m: EstateView['models'][number]) => m.name ?? `${m.id} v${m.version}`;

function trafficText(traffic: Record<string, number>): string {
  const parts = Object.entries(traffic).filter(([, share]) => share > 0);
  return parts.length ? parts.map(([model, share]) => `${share}% to ${model}`).join(', ') : 'no traffic';
}

export function estateChanges(before: EstateView, after: EstateView): string[] {
  const out: string[] = [];
  for (const m of after.models) {
    const old = before.models.find((x) => x.id === m.id);
    if (!old) out.push(`New model: ${modelName(m)} (${m.status})`);
    else if (old.status !== m.status) out.push(`${modelName(m)}: ${old.status} → ${m.status}`);
    else if ((old.alias ?? '') !== (m.alias ?? '')) out.push(`${modelName(m)}: alias ${old.alias ?? 'none'} → ${m.alias ?? 'none'}`);
  }
  for (const e of after.endpoints) {
    const old = before.endpoints.find((x) => x.id === e.id);
    const now = trafficText(e.traffic);
    if (old && trafficText(old.traffic) !== now) out.push(`${e.label ?? e.id} now sends ${now}`);
  }
  for (const p of after.pipelines) {
    const old = before.pipelines.find((x) => x.id === p.id);
    if (old && old.status !== p.status) out.push(`${p.label ?? p.id}: ${old.status} → ${p.status}`);
  }
  for (const m of after.metrics) {
    const old = before.metrics.find((x) => x.id === m.id);
    if (old && old.rate !== m.rate) out.push(m.rate === 0 ? `${m.label}: stopped growing` : `${m.label}: now ${money(m.rate, m.unit)} an hour (was ${money(old.rate, old.unit)})`);
  }
  for (const ev of after.evidence) {
    if (!before.evidence.some((x) => x.id === ev.id)) out.push(`Evidence kept: ${ev.label}`);
  }
  return out;
}

export function clockChanges(before: ClockView[], after: ClockView[]): string[] {
  return after.flatMap((c) => {
    const old = before.find((x) => x.id === c.id);
    return old && old.status !== c.status ? [`${c.label}: ${clockReading(c).short}`] : [];
  });
}

/** Everything a decision changed, in the order a trainee reads it. */
export function decisionChanges(before: TeamProgressView, after: TeamProgressView): string[] {
  const elapsed = after.simMinutes - before.simMinutes;
  return [...(elapsed > 0 ? [messages.solo.took(duration(elapsed))] : []), ...clockChanges(before.clocks, after.clocks), ...estateChanges(before.estate, after.estate)];
}
