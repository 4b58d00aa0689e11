/** Script in a display name or an ad-hoc inject renders as inert text on every screen. */
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, drillFacts, joinAs } from './helpers/ui.ts';

const DRILL = testDrill();
const NAME = '<img src=x onerror=alert(1)>';
const TITLE = '<svg onload=alert(2)>Urgent';
const BODY = [
  'Read this: <script>window.__xss = 1; alert(3)</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<iframe src="javascript:alert(4)"></iframe>',
  '[click me](javascript:alert(5))',
  '**bold stays bold**',
].join('\n\n');

async function assertInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    scripts: document.querySelectorAll('#root script').length,
    imgs: document.querySelectorAll('#root img').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: [...document.querySelectorAll('#root *')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
    jsLinks: [...document.querySelectorAll('a')].filter((a) =>
      a.getAttribute('href')?.trim().toLowerCase().startsWith('javascript'),
    ).length,
  }));
  expect(found).toEqual({ xss: null, scripts: 0, imgs: 0, iframes: 0, handlers: 0, jsLinks: 0 });
}

describe.skipIf(!chromiumPath)('user and scenario text cannot run as script', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('renders XSS payloads in a display name and an ad-hoc inject as text', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, ['Blue team']);
    const evil = await device(browser, PHONE);
    const other = await device(browser, PHONE);
    await joinAs(evil.page, app.url, code, NAME);
    await joinAs(other.page, app.url, code, 'Grace');
    // the name shows literally in the facilitator's lobby
    await fac.page.locator('.pname', { hasText: NAME }).waitFor();
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await other.page.locator('#inject-title').waitFor({ timeout: 15_000 });

    // the ad-hoc inject form opens from the board's header
    await fac.page.getByRole('button', { name: /Send an inject/ }).click();
    await fac.page.getByLabel('Title').fill(TITLE);
    await fac.page.getByLabel('Message (Markdown)').fill(BODY);
    await fac.page.getByRole('button', { name: 'Send inject' }).click();
    for (const d of [other, evil]) {
      const msg = d.page.getByRole('region', { name: 'Messages from the facilitator' });
      await msg.getByText('Urgent').waitFor({ timeout: 15_000 });
      await msg.locator('strong', { hasText: 'bold stays bold' }).waitFor();
      expect(await msg.locator('h3').textContent()).toContain(TITLE);
      await assertInert(d.page);
    }
    // the teammate sees the name as text in the team list
    await other.page.getByText(NAME).first().waitFor();
    await assertInert(fac.page);
    for (const d of [fac, evil, other]) {
      expect(d.dialogs).toEqual([]);
      expect(d.errors).toEqual([]);
      await d.context.close();
    }
  }, 180_000);
});
