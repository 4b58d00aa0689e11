/**
 * The HTML export in a real Chromium: it loads with no console errors, no script runs, and it
 * prints to an A4 PDF of a sensible length. The PDF and screenshots are kept under
 * test-results/report/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../../server/report/html.ts';
import { buildReport } from '../../server/report/model.ts';
import { fixedHistory, loadFraudLite } from './fixture-history.ts';

import { chromiumPath, launch } from '../e2e/helpers/browser.ts';

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
    expect(pages).toBeLessThanOrEqual(16);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${OUT}print.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
