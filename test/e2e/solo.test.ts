/** A trainee practises solo to the end: feedback after each decision, then the ending and a summary. */
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, PHONE, screenshots } from './helpers/browser.ts';
import { drillFacts, injectTitle, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();

describe.skipIf(!chromiumPath)('solo practice in real Chromium', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('plays a scenario alone to its ending with feedback after each decision', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const { page, context, errors, dialogs } = await device(browser, PHONE);
    await page.goto(`${app.url}/#/`);
    await page.getByRole('link', { name: 'Practise solo' }).click();
    await page.getByRole('radio', { name: new RegExp(facts.title) }).check();
    await page.getByLabel('Your name').fill('Trainee');
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.locator('#inject-title').waitFor({ timeout: 15_000 });
    expect(await page.locator('.role-badge').textContent()).toBe('All roles');

    let decisions = 0;
    for (let step = 0; step < 40; step++) {
      if (await page.locator('#ending-h, .debrief').count()) break;
      const title = await injectTitle(page);
      if (title === null) break;
      const best = facts.best.get(title);
      if (best) {
        // alternate between the best option and another one, so the summary shows both kinds
        const labels = await page.locator('label.option .option-label').allTextContents();
        const pick = decisions % 2 === 0 ? best : (labels.find((l) => l !== best) ?? best);
        await page.locator('label.option', { hasText: pick }).locator('input').check();
        if (decisions === 0) await screenshots(page, '09-solo-decision');
        await page.getByRole('button', { name: 'Decide' }).click();
        await waitForNext(page, title);
        decisions++;
        if (await page.locator('#inject-title').count()) {
          // the feedback on the decision just made is shown before the next inject
          await page.getByRole('region', { name: 'Feedback on your last decision' }).getByText(pick).waitFor();
          if (decisions === 1) {
            await screenshots(page, '10-solo-feedback');
            const v = await axe(page);
            expect(describeAxe(v), 'axe on solo play').toBe('');
          }
        }
      } else {
        await page.getByRole('button', { name: 'Continue' }).click();
        await waitForNext(page, title);
      }
    }
    expect(decisions).toBeGreaterThan(0);
    await page.locator('#ending-h, .debrief').first().waitFor();
    expect(await page.locator('.log-entry').count()).toBeGreaterThanOrEqual(decisions);
    await screenshots(page, '11-solo-summary');
    const v = await axe(page);
    expect(describeAxe(v), 'axe on solo summary').toBe('');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 180_000);
});
