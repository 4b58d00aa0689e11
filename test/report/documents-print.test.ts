/**
 * The exercise documents in a real Chromium (issue 15 items 5-7): each opens with no console
 * error, no request and no script, prints to A4, and at the A4 text width no word is cut off or
 * broken across two lines (a break after a hyphen or a slash is a line break, not a broken word).
 * PDFs and screenshots land in test-results/documents/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { DOCUMENTS } from '../../server/report/documents/index.ts';
import { chromiumPath, launch } from '../e2e/helpers/browser.ts';
import { ROOT } from '../helpers/server.ts';

const OUT = join(ROOT, 'test-results/documents');
/** A4 (210 mm) less the 14 mm side margins of the documents' @page, in CSS pixels. */
const A4_TEXT_WIDTH = Math.floor(((210 - 28) / 25.4) * 96);
const HTML = DOCUMENTS.filter((d) => d.ext === 'html');
/** Drills with the most varied content: long notes and tables, agents and tools, logs, a defined role. */
const DRILLS = ['poisoned-fraud-detector', 'poisoned-support-agent', 'deepfake-cfo-payment', 'poisoned-agent-tool'];

function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Words broken across lines or running past the right edge, as "word (why)". */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      // pieces between spaces, hyphens, dashes and slashes: the places a line may break
      for (const match of text.matchAll(/[^\s\-‐–—/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`${match[0]} (broken over ${lines.size} lines)`);
        else if (rects.some((r) => r.right > width + 1)) problems.push(`${match[0]} (cut at the right edge)`);
      }
    }
    return problems;
  }, A4_TEXT_WIDTH);
}

describe.skipIf(!chromiumPath)('exercise documents in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the check finds a word broken mid-word and one cut at the edge (as the fixed plan table once did)', async () => {
    const page = await browser.newPage({ viewport: { width: A4_TEXT_WIDTH, height: 600 } });
    await page.setContent(
      `<p style="width:60px;overflow-wrap:anywhere">Coordination</p><p style="margin-left:${A4_TEXT_WIDTH - 20}px;white-space:nowrap">Containment</p><p style="width:60px">model-integrity and/or</p>`,
    );
    expect(await brokenWords(page)).toEqual([
      'Coordination (broken over 2 lines)',
      'Containment (cut at the right edge)',
    ]);
    await page.close();
  });

  it('every document of four drills opens cleanly and, at the A4 text width, breaks and cuts no word', async () => {
    const problems: string[] = [];
    for (const id of DRILLS) {
      const { drill, stats } = loadDrill(join(ROOT, 'scenarios', `${id}.yaml`));
      for (const doc of HTML) {
        const page = await browser.newPage({ viewport: { width: A4_TEXT_WIDTH, height: 1100 } });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('request', (r) => !/^(about|data):/.test(r.url()) && requests.push(r.url()));
        await page.emulateMedia({ media: 'print' });
        await page.setContent(doc.render(drill, stats), { waitUntil: 'load' });
        expect(errors, `${id} ${doc.name}`).toEqual([]);
        expect(requests, `${id} ${doc.name}`).toEqual([]);
        expect(await page.locator('script, img, iframe').count()).toBe(0);
        for (const p of await brokenWords(page)) problems.push(`${id} ${doc.name}: ${p}`);
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('prints each document of the fraud drill to A4, and saves PDFs and screenshots to look at', async () => {
    const { drill, stats } = loadDrill(join(ROOT, 'scenarios/poisoned-fraud-detector.yaml'));
    const expected: Record<string, [number, number]> = {
      sitman: [3, 7],
      msel: [12, 40],
      eeg: [5, 10],
      'feedback-form': [1, 3],
    };
    for (const doc of HTML) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      await page.setContent(doc.render(drill, stats), { waitUntil: 'load' });
      await page.screenshot({ path: join(OUT, `${doc.name}-screen.png`), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(OUT, `${doc.name}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdfPages(pdf);
      console.log(`${doc.name}.pdf: ${pages} A4 pages`);
      expect(pages, doc.name).toBeGreaterThanOrEqual(expected[doc.name]![0]);
      expect(pages, doc.name).toBeLessThanOrEqual(expected[doc.name]![1]);
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: A4_TEXT_WIDTH, height: 1123 });
      await page.screenshot({ path: join(OUT, `${doc.name}-print.png`), fullPage: true });
      await page.close();
    }
  }, 240_000);
});
