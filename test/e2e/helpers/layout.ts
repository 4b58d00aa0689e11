/**
 * Layout checks for printed and screen pages: words broken in the middle (a word whose glyphs sit
 * on two lines) and boxes whose content is cut (wider than the box or than the page). A break at
 * a hyphen, a dash or a slash is a normal line break; a token of more than 20 characters (an
 * address, a hash, a hostile test string) may wrap anywhere rather than run off the page.
 */
import type { Page } from 'playwright-core';

export interface LayoutProblems {
  /** Words drawn on more than one line. */
  broken: string[];
  /** Elements whose content is wider than they are, or that reach past the page's right edge. */
  cut: string[];
}

/** Checks the text inside `within` (a selector; the whole page when absent), leaving out `without`. */
export function layoutProblems(page: Page, scope: { within?: string; without?: string } = {}): Promise<LayoutProblems> {
  return page.evaluate(({ within, without }) => {
    const inScope = (el: Element): boolean =>
      (!within || el.closest(within) !== null) && !(without && el.closest(without));
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('svg') || !inScope(el)) continue;
      const text = node.nodeValue ?? '';
      for (const m of text.matchAll(/[^\s\-–—/]+/g)) {
        if (m[0].length > 20) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
    const right = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll('table, pre, code, dl, p, li, .decision')]
      .filter(inScope)
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: ${(el.textContent ?? '').trim().slice(0, 60)}`,
      );
    return { broken, cut };
  }, scope);
}

/** A4 content widths in CSS pixels at 96 dpi, for the report's print margins (14 mm each side). */
export const A4_PORTRAIT_WIDTH = Math.round(((210 - 28) / 25.4) * 96);
export const A4_LANDSCAPE_WIDTH = Math.round(((297 - 28) / 25.4) * 96);
