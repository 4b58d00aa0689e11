/**
 * The colours that carry meaning, shared by every place that shows them: the board, the phone,
 * the web report and the exported HTML report. A NIST phase and an HSEEP rating look the same
 * wherever a person meets them. Each text colour reaches WCAG AA (4.5:1) on white and on its
 * own background.
 */

/** The four NIST SP 800-61 phases as the views group them. */
export type PhaseFamily = 'preparation' | 'detection' | 'containment' | 'post';

export const PHASE_COLOURS: Record<PhaseFamily, { ink: string; background: string }> = {
  preparation: { ink: '#4b3a8f', background: '#ece8fb' },
  detection: { ink: '#0b4fb3', background: '#e1ecff' },
  containment: { ink: '#8a3b00', background: '#ffedd9' },
  post: { ink: '#066046', background: '#dcf5ea' },
};

/** The family of a NIST phase id (`detection-analysis` → `detection`), or null for an unknown id. */
export function phaseFamily(nist: string): PhaseFamily | null {
  for (const family of Object.keys(PHASE_COLOURS) as PhaseFamily[]) if (nist.startsWith(family)) return family;
  return null;
}

/** HSEEP ratings P, S, M, U, and `none` for a capability the drill never tested. */
export const RATING_COLOURS: Record<'P' | 'S' | 'M' | 'U' | 'none', string> = {
  P: '#067a52',
  S: '#5b7f12',
  M: '#b25a00',
  U: '#c4202c',
  none: '#6b7280',
};

/** The colour tokens as CSS custom properties (`--phase-detection`, `--phase-detection-bg`, `--P` …). */
export function colourProperties(): Array<[string, string]> {
  const phases = Object.entries(PHASE_COLOURS).flatMap(([family, c]): Array<[string, string]> => [
    [`--phase-${family}`, c.ink],
    [`--phase-${family}-bg`, c.background],
  ]);
  return [...phases, ...Object.entries(RATING_COLOURS).map(([rating, c]): [string, string] => [`--${rating}`, c])];
}

/** The same, as the body of a CSS rule. */
export function colourCss(): string {
  return colourProperties()
    .map(([name, value]) => `${name}: ${value};`)
    .join(' ');
}
