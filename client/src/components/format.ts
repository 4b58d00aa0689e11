/** Display helpers (formatting only). */

/** Sim minutes as "2h 05m" / "45m" / "3d 4h". */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m >= 48 * 60) return `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h`;
  if (m >= 60) return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  return `${m}m`;
}

export function simTime(minutes: number): string {
  return `T+${duration(minutes)}`;
}

export function money(n: number, unit: string): string {
  const rounded = Math.round(n);
  const text = rounded.toLocaleString('en-US');
  if (unit === 'USD') return `$${text}`;
  if (unit === 'EUR') return `€${text}`;
  if (unit === 'GBP') return `£${text}`;
  return `${text} ${unit}`;
}

export function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Role ids such as "ir-lead" as "IR lead". */
export function roleLabel(role: string | null | undefined): string {
  if (!role) return 'No role yet';
  const words = role.split(/[-_]/).map((w) => (['ir', 'ml', 'ciso', 'soc', 'ai', 'it', 'pr'].includes(w) ? w.toUpperCase() : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function phaseLabel(nist: string): string {
  const map: Record<string, string> = {
    preparation: 'Preparation',
    'detection-analysis': 'Detection & Analysis',
    'detection-and-analysis': 'Detection & Analysis',
    'containment-eradication-recovery': 'Containment, Eradication & Recovery',
    'post-incident': 'Post-Incident Activity',
    'post-incident-activity': 'Post-Incident Activity',
  };
  return map[nist] ?? nist;
}
