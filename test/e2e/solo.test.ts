/**
 * A trainee practises solo (issue 13, items 1-4): the outcome of each decision where they are
 * looking, with the best option and why and what it changed; a summary with the total score and
 * a rating per capability; their own gap report opened with the token they hold; a replay; and
 * their runs listed.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, inViewport, PHONE, screenshots } from './helpers/browser.ts';
import { drillFacts, injectTitle } from './helpers/ui.ts';

const DRILL = testDrill();

describe.skipIf(!chromiumPath)('solo practice in real Chromium', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('teaches after each decision, scores the run, opens its report with the trainee token, replays and lists runs', async () => {
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
    // item 15: no empty "Vote" label where solo has no countdown
    expect(await page.locator('header').getByText('Vote', { exact: true }).count()).toBe(0);

    let decisions = 0;
    for (let step = 0; step < 40; step++) {
      if (await page.getByRole('heading', { name: 'Practice summary' }).count()) break;
      const title = await injectTitle(page);
      if (title === null) {
        await page
          .getByRole('heading', { name: /^Ending:/ })
          .or(page.getByRole('heading', { name: 'Practice summary' }))
          .first()
          .waitFor();
        continue;
      }
      const best = facts.best.get(title);
      if (!best) {
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForFunction((prev) => document.querySelector('#inject-title')?.textContent !== prev, title);
        continue;
      }
      // alternate between the best option and another one, so both kinds of feedback are seen
      const labels = await page.locator('label.option .option-label').allTextContents();
      const pick = decisions % 2 === 0 ? best : (labels.find((l) => l !== best) ?? best);
      await page.getByRole('radio', { name: pick }).check();
      const decide = page.getByRole('button', { name: 'Decide' });
      await decide.scrollIntoViewIfNeeded();
      await decide.click();
      decisions++;
      // item 1: the outcome is where the trainee is looking, and waits for them
      const outcome = page.getByRole('region', { name: 'Outcome of your decision' });
      await outcome.waitFor({ timeout: 8000 }).catch(async (e) => {
        await page.screenshot({ path: 'test-results/debug-solo.png', fullPage: true });
        throw e;
      });
      expect(
        (await inViewport(page, outcome.getByRole('heading', { name: 'Outcome of your decision' }))).inside,
        'the outcome heading is on screen',
      ).toBe(true);
      await outcome.getByText(pick).first().waitFor();
      // item 2: the best option and why, after every decision
      if (pick === best) await outcome.getByText('This was the best option.').waitFor();
      else {
        await outcome.getByText('Best option:').waitFor();
        await outcome.getByText(best).first().waitFor();
      }
      if (decisions <= 2) {
        await screenshots(page, `solo-outcome-${decisions}`);
        expect(describeAxe(await axe(page)), 'axe on the solo outcome').toBe('');
      }
      await outcome.getByRole('button', { name: /^(Next: |See how it ended|See your summary|Continue)/ }).click();
    }
    expect(decisions).toBeGreaterThan(1);
    // item 4: total score and P/S/M/U per capability
    await page.getByRole('heading', { name: 'Practice summary' }).waitFor({ timeout: 20_000 });
    const result = page.getByRole('region', { name: 'Your result' });
    await result.getByText(/of \d+ points/).waitFor();
    const ratings = await result.getByRole('row').count();
    expect(ratings, 'one row per capability plus the header').toBeGreaterThan(1);
    expect(
      await result
        .locator('tbody')
        .getByText(/^[PSMU]$/)
        .count(),
    ).toBe(ratings - 1);
    await screenshots(page, 'solo-summary');
    expect(describeAxe(await axe(page)), 'axe on the solo summary').toBe('');

    // item 3: the trainee's own report, with the credential already held (no key form)
    await result.getByRole('link', { name: 'Open the gap report' }).click();
    await page.getByRole('heading', { level: 1, name: facts.title }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Manager key').count(), 'no key form for the trainee').toBe(0);
    expect(
      await page.getByRole('button', { name: 'Save row' }).count(),
      'the trainee reads the plan, staff edit it',
    ).toBe(0);
    await screenshots(page, 'solo-report');
    expect(describeAxe(await axe(page)), 'axe on the trainee report').toBe('');
    const firstRun = page.url();

    // item 4: replay, and the runs listed for the trainee
    await page.goBack();
    await page.getByRole('button', { name: 'Practise this drill again' }).click();
    await page.waitForFunction((old) => !old.includes(location.hash) && /#\/x\//.test(location.hash), firstRun);
    await page.locator('#inject-title').waitFor({ timeout: 15_000 });
    await page.goto(`${app.url}/#/solo`);
    const runs = page.getByRole('region', { name: 'Your practice runs' });
    await runs.waitFor();
    expect(await runs.getByRole('listitem').count()).toBe(2);
    await screenshots(page, 'solo-runs');
    expect(describeAxe(await axe(page)), 'axe on the solo start with runs').toBe('');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 240_000);
});
