import type { ClockView } from '../../../server/net/protocol.ts';
import { duration, simTime } from './format.ts';

/** Sim time, the containment SLA and regulatory clocks (all in simulated time). */
export function Clocks({ simMinutes, clocks, compact }: { simMinutes: number; clocks: ClockView[]; compact?: boolean }) {
  return (
    <section className={`clocks ${compact ? 'clocks-compact' : ''}`} aria-label="Clocks">
      <div className="clock clock-sim">
        <span className="clock-label">Sim time</span>
        <span className="clock-value">{simTime(simMinutes)}</span>
      </div>
      {clocks.map((c) => (
        <Clock key={c.id} clock={c} />
      ))}
    </section>
  );
}

function Clock({ clock: c }: { clock: ClockView }) {
  const elapsed = c.elapsedMinutes ?? 0;
  const left = c.limitMinutes - elapsed;
  let value: string;
  let tone: string;
  switch (c.status) {
    case 'not-started':
      value = `${duration(c.limitMinutes)} (not started)`;
      tone = 'idle';
      break;
    case 'met':
      value = `Met at ${duration(elapsed)}`;
      tone = 'good';
      break;
    case 'breached':
      value = `Breached (${duration(c.limitMinutes)})`;
      tone = 'bad';
      break;
    default:
      value = left <= 0 ? 'Due now' : `${duration(left)} left`;
      tone = left < c.limitMinutes * 0.25 ? 'bad' : 'warn';
  }
  const fraction = c.status === 'running' ? Math.min(1, Math.max(0, elapsed / c.limitMinutes)) : c.status === 'breached' ? 1 : 0;
  return (
    <div className={`clock clock-${tone}`}>
      <span className="clock-label">
        {c.label}
        {/sla|regulat/i.test(c.label) ? null : <span className="clock-kind">{c.kind === 'sla' ? 'SLA' : 'Regulatory'}</span>}
      </span>
      <span className="clock-value">{value}</span>
      {c.status === 'running' ? (
        <span className="clock-bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </span>
      ) : null}
    </div>
  );
}
