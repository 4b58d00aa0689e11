/**
 * What one decision changed, in words: the estate (models, traffic, pipelines, evidence) and
 * the clocks, read by comparing the progress before and after it (display only).
 */
import type { ClockView, EstateView, TeamProgressView } from '../../../../protocol/messages.ts';
import { clockReading } from '../../components/Clocks.tsx';
import { duration, money } from '../../text/units.ts';
import { messages } from '../../text/messages.ts';

const say = messages.solo.change;
const state = messages.play.state;

const modelName = (m: EstateView['models'][number]) => m.name ?? `${m.id} v${m.version}`;

function trafficText(traffic: Record<string, number>): string {
  const parts = Object.entries(traffic).filter(([, share]) => share > 0);
  return parts.length ? parts.map(([model, share]) => say.shareTo(share, model)).join(', ') : messages.play.noTraffic;
}

export function estateChanges(before: EstateView, after: EstateView): string[] {
  const out: string[] = [];
  for (const m of after.models) {
    const old = before.models.find((x) => x.id === m.id);
    if (!old) out.push(say.newModel(modelName(m), state(m.status)));
    else if (old.status !== m.status) out.push(say.from(modelName(m), state(old.status), state(m.status)));
    else if ((old.alias ?? '') !== (m.alias ?? '')) out.push(say.alias(modelName(m), old.alias, m.alias));
  }
  for (const e of after.endpoints) {
    const old = before.endpoints.find((x) => x.id === e.id);
    const now = trafficText(e.traffic);
    if (old && trafficText(old.traffic) !== now) out.push(say.sends(e.label ?? e.id, now));
  }
  for (const p of after.pipelines) {
    const old = before.pipelines.find((x) => x.id === p.id);
    if (old && old.status !== p.status) out.push(say.from(p.label ?? p.id, state(old.status), state(p.status)));
  }
  for (const m of after.metrics) {
    const old = before.metrics.find((x) => x.id === m.id);
    if (old && old.rate !== m.rate)
      out.push(
        m.rate === 0 ? say.stopped(m.label) : say.rate(m.label, money(m.rate, m.unit), money(old.rate, old.unit)),
      );
  }
  for (const ev of after.evidence) {
    if (!before.evidence.some((x) => x.id === ev.id)) out.push(say.evidence(ev.label));
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
  return [
    ...(elapsed > 0 ? [messages.solo.took(duration(elapsed))] : []),
    ...clockChanges(before.clocks, after.clocks),
    ...estateChanges(before.estate, after.estate),
  ];
}
