/**
 * Real Chromium for the browser tests: Debian's `chromium` driven by playwright-core (never a
 * downloaded browser). Found at CHROMIUM_PATH, /usr/bin/chromium or /usr/lib/chromium/chromium;
 * when none exists the suites skip and say so loudly.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_CANDIDATES, CHROMIUM_FLAGS, chromiumPath } from './chromium.ts';

/** The Chromium executable, or null. */
export { chromiumPath };

if (!chromiumPath) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS SKIPPED: no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}).\n!! Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.\n${line}\n`,
  );
}

export async function launch(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
}

export const PROJECTOR = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };

/** A fresh context (its own localStorage: one "device") that fails the test on any page error or dialog. */
export async function device(
  browser: Browser,
  viewport = PHONE,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    // the console confirms "end" and "remove"; accept those, everything else is a failure signal
    void (d.type() === 'confirm' ? d.accept() : d.dismiss());
  });
  return { context, page, errors, dialogs };
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/** Saves a screenshot at each size (projector, laptop, phone), restoring the viewport after. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? PHONE;
  for (const [label, size] of [
    ['1920x1080', PROJECTOR],
    ['1366x768', LAPTOP],
    ['390x844', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: label === '390x844' });
    // nothing may scroll sideways at either size
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) {
      const culprits = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > window.innerWidth + 1 &&
              (el.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1 &&
              getComputedStyle(el.parentElement!).overflowX === 'visible',
          )
          .slice(0, 4)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`,
          ),
      );
      throw new Error(`${name} at ${label} overflows sideways by ${overflow}px: ${culprits.join(' | ')}`);
    }
  }
  await page.setViewportSize(original);
}

/** Waits for layout after a resize or scroll: two animation frames (no fixed sleep). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/** Saves what the viewport shows right now (no resizing, no scrolling) as `<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Whether an element lies entirely inside the viewport. */
export async function inViewport(
  page: Page,
  target: string | Locator,
  index = 0,
): Promise<{ inside: boolean; box: { x: number; y: number; width: number; height: number } | null }> {
  const box = await (typeof target === 'string' ? page.locator(target) : target).nth(index).boundingBox();
  const size = page.viewportSize() ?? PHONE;
  if (!box) return { inside: false, box };
  return {
    inside:
      box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5,
    box,
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** Runs axe-core in the page (with WCAG 2.2 target size on); returns serious and critical violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
    return r.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of axe violations for assertion messages. */
export function describeAxe(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`)
          .join('\n  ')}`,
    )
    .join('\n');
}
