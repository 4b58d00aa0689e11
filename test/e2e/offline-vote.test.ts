/**
 * A8 in real Chromium (issue 11, item 4): a player whose connection drops votes while the
 * "reconnecting…" banner is up. The banner says the vote is kept; once the network is back the
 * vote lands (the teammate sees it) and no refusal is shown.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, drillFacts, injectTitle, joinAs, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();

describe.skipIf(!chromiumPath)('a vote cast while reconnecting', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('A8: is kept while the banner is up and lands after the reconnect, with no refusal shown', async () => {
    const { app, browser } = env;
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, drillFacts(DRILL).title, ['Blue team']);
    const ada = await device(browser, PHONE);
    await joinAs(ada.page, app.url, code, 'Ada');
    // a teammate who has not voted keeps the decision open after Ada's vote
    const teammate = await connectClient(app.url, await joinExercise(app.url, { code, name: 'Bo', teamId: 't1' }));
    try {
      await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
      const { page } = ada;
      const castVote = page.getByRole('button', { name: 'Cast my vote' });
      for (let i = 0; i < 10 && !(await castVote.count()); i++) {
        await page.getByRole('button', { name: /Continue|Cast my vote/ }).first().waitFor({ timeout: 15_000 });
        if (await castVote.count()) break;
        const title = await injectTitle(page);
        await page.getByRole('button', { name: 'Continue' }).click();
        await waitForNext(page, title);
      }
      const options = teammate.myTeam!.progress.inject!.decision!.options;
      const choice = options[options.length - 1]!.label;

      await ada.context.setOffline(true);
      await page.evaluate(() => window.dispatchEvent(new Event('offline')));
      const banner = page.getByRole('status').filter({ hasText: 'reconnecting…' });
      await banner.waitFor({ timeout: 30_000 });
      await page.getByRole('radio', { name: new RegExp(choice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
      await castVote.click();
      await banner.filter({ hasText: 'Your last action is kept and will be sent when the connection is back.' }).waitFor();
      expect(teammate.myTeam!.decision.votes).toEqual([]);

      await ada.context.setOffline(false);
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByRole('status').filter({ hasText: `Your vote: ${choice}` }).waitFor({ timeout: 15_000 });
      const landed = await teammate.waitFor((s) => s.teams[0]!.decision.votes.length === 1, 15_000, "Ada's vote");
      expect(landed.teams[0]!.decision.votes[0]!.option).toBe(options[options.length - 1]!.id);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/not allowed|hello|FORBIDDEN|token/);
      expect(ada.errors).toEqual([]);
    } finally {
      teammate.close();
      for (const d of [fac, ada]) await d.context.close();
    }
  }, 180_000);
});
