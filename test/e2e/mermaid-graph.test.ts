/**
 * `breachdrill graph` output is read by Mermaid's own parser and renderer (the mermaid package's
 * browser build in real Chromium; its parser needs a DOM): every bundled drill and the format-2
 * fixtures parse, and labels full of characters Mermaid reads specially (a time such as 08:10,
 * quotes, #, |, <, an ending called "end") render as written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDrillText } from '../../server/engine/check.ts';
import { toMermaid } from '../../server/engine/mermaid.ts';
import { repoRoot } from './helpers/app.ts';
import { chromiumPath, launch } from './helpers/browser.ts';

const drills = [
  ...readdirSync(join(repoRoot, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/${f}`),
  'test/fixtures/valid/format2.yaml',
  'test/fixtures/valid/estate-kinds.yaml',
  'test/fixtures/valid/mini.yaml',
];

/** The mini drill with titles Mermaid would misread unescaped, and an ending whose id is a Mermaid keyword. */
function trickyDrill(): string {
  return readFileSync(join(repoRoot, 'test/fixtures/valid/mini.yaml'), 'utf8')
    .replace(/\n {8}title: (.*)\n/, '\n        title: "08:10 | alert: <b>\\"chargebacks\\"</b> #1 & more"\n')
    .replaceAll('good-end', 'end');
}

describe.skipIf(!chromiumPath)('Mermaid reads the graph', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: join(repoRoot, 'node_modules/mermaid/dist/mermaid.min.js') });
    await page.evaluate(() =>
      (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false }),
    );
  }, 120_000);
  afterAll(async () => browser?.close());

  const parse = (text: string) =>
    page.evaluate(async (source) => {
      const mermaid = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
      try {
        await mermaid.parse(source);
        return 'ok';
      } catch (error) {
        return String((error as Error).message ?? error)
          .split('\n')
          .slice(0, 3)
          .join(' ');
      }
    }, text);

  const graphOf = (file: string, text = readFileSync(join(repoRoot, file), 'utf8')) => {
    const { drill } = checkDrillText(file, text);
    expect(drill, file).toBeDefined();
    return toMermaid(drill!);
  };

  it('rejects text that is not Mermaid (so a pass means something)', async () => {
    expect(await parse('flowchart TD\n  a["x"] -->|"y| b')).not.toBe('ok');
  }, 120_000);

  for (const file of drills) {
    it(`${file}: parses`, async () => {
      expect(await parse(graphOf(file))).toBe('ok');
    }, 120_000);
  }

  it('renders labels with 08:10, quotes, #, | and < as written, and an ending called "end"', async () => {
    const source = graphOf('tricky.yaml', trickyDrill());
    expect(await parse(source)).toBe('ok');
    const text = await page.evaluate(async (src) => {
      const mermaid = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } })
        .mermaid;
      const { svg } = await mermaid.render('graph', src);
      const box = document.getElementById('out')!;
      box.innerHTML = svg;
      return box.textContent ?? '';
    }, source);
    expect(text).toContain('08:10 | alert: <b>"chargebacks"</b> #1 & more');
    expect(text).toContain('Contained (good)'); // the ending whose id is `end`, a Mermaid keyword
  }, 120_000);
});
