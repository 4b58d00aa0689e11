/** A player reloads mid-vote and is back in the same seat with the same vote (from the server). */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, decide, drillFacts, injectTitle, joinAs, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();

describe.skipIf(!chromiumPath)('reload keeps seat and vote', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('restores role, team, vote and reason after a reload; shows reconnecting while offline', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, ['Blue team']);
    const a = await device(browser, PHONE);
    const b = await device(browser, PHONE);
    const c = await device(browser, PHONE);
    await joinAs(a.page, app.url, code, 'Ada');
    await joinAs(b.page, app.url, code, 'Bob');
    await joinAs(c.page, app.url, code, 'Cy');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    // find the first inject with a decision (continue through any without)
    for (let i = 0; i < 10 && !(await a.page.locator('form.decision').count()); i++) {
      await a.page.locator('#inject-title, form.decision').first().waitFor({ timeout: 15_000 });
      if (await a.page.locator('form.decision').count()) break;
      const title = await injectTitle(a.page);
      await a.page.getByRole('button', { name: 'Continue' }).click();
      await waitForNext(a.page, title);
    }
    const labels = await a.page.locator('label.option .option-label').allTextContents();
    const minority = labels[labels.length - 1]!;
    // Bob votes first so that Ada's later vote is a dissent that asks for a reason
    await b.page.locator('form.decision').waitFor();
    await decide(b.page, labels[0]!);
    await b.page.getByText('Your vote:').waitFor();
    const roleBefore = await a.page.locator('.role-badge').textContent();
    await decide(a.page, minority, 'The rollback target is unsigned.');
    await a.page.getByText('Your vote:').waitFor();

    await a.page.reload();
    await a.page.locator('form.decision').waitFor({ timeout: 15_000 });
    expect(await a.page.locator('.role-badge').textContent()).toBe(roleBefore);
    await expect(a.page.locator('[role=status]', { hasText: 'Your vote:' }).textContent()).resolves.toContain(minority);
    expect(await a.page.locator('label.option', { hasText: minority }).locator('input').isChecked()).toBe(true);
    expect(await a.page.getByLabel(/Your reason/).inputValue()).toBe('The rollback target is unsigned.');
    // the facilitator still sees Ada's vote
    await fac.page.locator('.tally-row', { hasText: minority }).getByText('Ada').waitFor();

    // offline: the banner says reconnecting…, and it goes away when the network returns
    await a.context.setOffline(true);
    await a.page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await a.page.getByText('reconnecting…').waitFor({ timeout: 30_000 });
    await a.context.setOffline(false);
    await a.page.getByText('reconnecting…').waitFor({ state: 'detached', timeout: 30_000 });
    expect(a.errors).toEqual([]);
    for (const d of [fac, a, b, c]) await d.context.close();
  }, 180_000);
});
