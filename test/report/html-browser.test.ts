/**
 * The HTML export in a real Chromium: it loads with no console errors, no script runs, and it
 * prints to an A4 PDF of a sensible length; no word is broken in the middle and nothing is cut,
 * on a 1200 px screen, on a portrait A4 page and, for the improvement plan, on its landscape
 * page. The PDFs and screenshots are kept under test-results/report/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../../server/report/html.ts';
import { buildReport } from '../../server/report/model.ts';
import { loadDrill } from '../../server/engine/check.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythroughs } from '../../server/report/from-playthrough.ts';
import { fixedHistory, loadFraudLite, START } from './fixture-history.ts';

import { chromiumPath, launch } from '../e2e/helpers/browser.ts';
import { A4_LANDSCAPE_WIDTH, A4_PORTRAIT_WIDTH, layoutProblems } from '../e2e/helpers/layout.ts';

/** The drill with the longest texts: its best and worst paths as a two-team headless run. */
const SUPPORT_AGENT = new URL('../../scenarios/poisoned-support-agent.yaml', import.meta.url).pathname;

const OUT = new URL('../../test-results/report/', import.meta.url).pathname;

/** Counts the pages of a PDF by its page objects. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe.skipIf(!chromiumPath)('HTML report in Chromium', () => {
  let browser: Browser;
  const { drill, stats } = loadFraudLite();
  const html = renderHtml(buildReport(drill, stats, fixedHistory(drill, stats)));

  beforeAll(async () => {
    browser = await launch();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens with no console errors, runs no script and prints to A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // The hostile names are text, not elements.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.getByText('<img src=x onerror=alert(1)>Mallory').first().isVisible()).toBe(true);
    expect(await page.locator('svg').count()).toBe(4);

    writeFileSync(`${OUT}report.html`, html);
    await page.screenshot({ path: `${OUT}screen.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(`${OUT}report.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdf);
    console.log(`report.pdf: ${pdf.length} bytes, ${pages} pages`);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pages).toBeLessThanOrEqual(24);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${OUT}print.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  for (const [name, source] of [
    ['fixture', () => html],
    [
      'support-agent',
      () => {
        const { drill: d, stats: s } = loadDrill(SUPPORT_AGENT);
        const runs = [
          { name: 'Strong', playthrough: play(d, s, { kind: 'best' }) },
          { name: 'Weak', playthrough: play(d, s, { kind: 'worst' }) },
        ];
        return renderHtml(buildReport(d, s, historyFromPlaythroughs(d, runs, { start: START })));
      },
    ],
  ] as const) {
    it(`${name}: no word broken mid-word and nothing cut, at 1200 px and on A4 portrait and landscape`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.setContent(source(), { waitUntil: 'load' });
      expect(await layoutProblems(page), 'screen, 1200 px').toEqual({ broken: [], cut: [] });
      await page.locator('section.plan').screenshot({ path: `${OUT}${name}-plan-1200.png`, timeout: 120_000 });
      await page.screenshot({ path: `${OUT}${name}-screen-1200.png`, fullPage: true, timeout: 120_000 });
      // Print layout at the width of each page's content box: the plan prints on landscape pages.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: A4_PORTRAIT_WIDTH, height: 1000 });
      expect(await layoutProblems(page, { without: 'section.plan' }), 'print, A4 portrait').toEqual({
        broken: [],
        cut: [],
      });
      await page.screenshot({ path: `${OUT}${name}-print-portrait.png`, fullPage: true, timeout: 120_000 });
      await page.setViewportSize({ width: A4_LANDSCAPE_WIDTH, height: 1000 });
      expect(await layoutProblems(page, { within: 'section.plan' }), 'print, A4 landscape (the plan)').toEqual({
        broken: [],
        cut: [],
      });
      await page
        .locator('section.plan')
        .screenshot({ path: `${OUT}${name}-plan-print-landscape.png`, timeout: 120_000 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(`${OUT}${name}.pdf`, pdf);
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(6);
      await page.close();
    }, 400_000);
  }
});
