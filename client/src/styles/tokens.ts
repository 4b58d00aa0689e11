/**
 * Puts the shared colour tokens (protocol/colours.ts: NIST phases, HSEEP ratings) on :root as CSS
 * custom properties, so the board, the phone and the exported report use one set of colours.
 */
import { colourProperties } from '../../../protocol/colours.ts';

export function applyColourTokens(root: HTMLElement = document.documentElement): void {
  for (const [name, value] of colourProperties()) root.style.setProperty(name, value);
}
