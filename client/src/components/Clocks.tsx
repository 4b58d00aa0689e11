import type { ClockView } from '../../../protocol/messages.ts';
import { duration, simTime } from '../text/units.ts';
import { messages } from '../text/messages.ts';

/** Sim time, the containment SLA and regulatory clocks (all in simulated time). */
export function Clocks({
  simMinutes,
  clocks,
  compact,
}: {
  simMinutes: number;
  clocks: ClockView[];
  compact?: boolean;
}) {
  return (
    <section className={`clocks ${compact ? 'clocks-compact' : ''}`} aria-label={messages.play.clocks}>
      <div className="clock clock-sim">
        <span className="clock-label">{messages.play.simTime}</span>
        <span className="clock-value">{simTime(simMinutes)}</span>
      </div>
      {clocks.map((c) => (
        <Clock key={c.id} clock={c} />
      ))}
    </section>
  );
}

export type ClockTone = 'idle' | 'good' | 'warn' | 'bad';

/** How a clock reads: the main value, a short note and its tone (display only). */
export function clockReading(c: ClockView): { value: string; note: string | null; tone: ClockTone; short: string } {
  const elapsed = c.elapsedMinutes ?? 0;
  const left = c.limitMinutes - elapsed;
  switch (c.status) {
    case 'not-started':
      return {
        value: duration(c.limitMinutes),
        note: messages.play.clock.notStarted,
        tone: 'idle',
        short: messages.play.clock.notStarted,
      };
    case 'met':
      return {
        value: messages.play.clock.metAt(duration(elapsed)),
        note: null,
        tone: 'good',
        short: messages.play.clock.metShort(duration(elapsed)),
      };
    case 'breached':
      return {
        value: messages.play.clock.breached,
        note: messages.play.clock.limit(duration(c.limitMinutes)),
        tone: 'bad',
        short: messages.play.clock.breachedShort,
      };
    default:
      return left <= 0
        ? { value: messages.play.clock.due, note: null, tone: 'bad', short: messages.play.clock.dueShort }
        : {
            value: messages.play.clock.left(duration(left)),
            note: null,
            tone: left < c.limitMinutes * 0.25 ? 'bad' : 'warn',
            short: messages.play.clock.left(duration(left)),
          };
  }
}

function baseLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '').trim() || label;
}

function Clock({ clock: c }: { clock: ClockView }) {
  const { value, note, tone } = clockReading(c);
  const elapsed = c.elapsedMinutes ?? 0;
  const fraction =
    c.status === 'running' ? Math.min(1, Math.max(0, elapsed / c.limitMinutes)) : c.status === 'breached' ? 1 : 0;
  return (
    <div className={`clock clock-${tone}`}>
      <span className="clock-label">
        {c.label}
        {/sla|regulat/i.test(c.label) ? null : (
          <span className="clock-kind">{c.kind === 'sla' ? messages.play.sla : messages.play.regulatory}</span>
        )}
      </span>
      <span className="clock-value">
        {value}
        {note ? <span className="clock-note"> ({note})</span> : null}
      </span>
      {c.status === 'running' ? (
        <span className="clock-bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </span>
      ) : null}
    </div>
  );
}

/** One line per clock, for the facilitator's board: short label, status, colour. */
export function ClockList({ simMinutes, clocks }: { simMinutes: number; clocks: ClockView[] }) {
  return (
    <ul className="clock-list" aria-label={messages.play.clocks}>
      <li className="clock-row clock-row-sim">
        <span className="clock-row-label">{messages.play.simTime}</span>
        <span className="clock-row-value">{simTime(simMinutes)}</span>
      </li>
      {clocks.map((c) => {
        const r = clockReading(c);
        return (
          <li key={c.id} className={`clock-row clock-row-${r.tone}`}>
            <span className="clock-row-label" title={c.label}>
              <span className="clock-row-kind">
                {c.kind === 'sla' ? messages.play.sla : messages.play.clock.regulatoryShort(duration(c.limitMinutes))}
              </span>{' '}
              {baseLabel(c.label)}
            </span>
            <span className="clock-row-value">{r.short}</span>
          </li>
        );
      })}
    </ul>
  );
}
