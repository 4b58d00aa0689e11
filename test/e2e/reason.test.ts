/**
 * A6a (issue 11 item 6): a dissent reason belongs to the decision it was written for. On the
 * next decision the reason box is empty, does not claim the player disagrees before they chose
 * anything, and a vote there does not carry the old reason to teammates or the record.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAndBrowser } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, decide, joinAs, waitForNext } from './helpers/ui.ts';
import { MINI } from '../helpers/server.ts';

const OLD_REASON = 'Snapshot first: the rollback target must be kept as evidence.';

describe.skipIf(!chromiumPath)('a reason belongs to one decision', () => {
  const env = appAndBrowser(dirname(MINI));

  it('A6a the next decision starts with an empty reason box that does not say "you disagree", and its vote carries no old reason', async () => {
    const { app, browser } = env;
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, 'Mini drill', ['Blue team']);
    const ada = await device(browser, PHONE);
    const bob = await device(browser, PHONE);
    const cy = await device(browser, PHONE);
    await joinAs(ada.page, app.url, code, 'Ada');
    await joinAs(bob.page, app.url, code, 'Bob');
    await joinAs(cy.page, app.url, code, 'Cy');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();

    // First decision ("Alert"): Bob and Cy vote to delete, Ada dissents with a reason.
    await ada.page.locator('#inject-title', { hasText: 'Alert' }).waitFor({ timeout: 15_000 });
    for (const p of [bob, cy]) {
      await p.page.locator('form.decision').waitFor({ timeout: 15_000 });
      await decide(p.page, 'Delete m2');
      await p.page.getByText('Your vote:').waitFor();
    }
    await decide(ada.page, 'Snapshot then roll back', OLD_REASON);

    // Everyone voted; the team moves on to "Retrain due".
    await waitForNext(ada.page, 'Alert');
    await ada.page.locator('#inject-title', { hasText: 'Retrain due' }).waitFor({ timeout: 15_000 });
    const reasonBox = ada.page.getByLabel(/Your reason/);
    expect(await reasonBox.inputValue()).toBe('');
    expect(await ada.page.locator('form.decision label', { hasText: 'Your reason' }).textContent()).not.toContain(
      'disagree',
    );
    expect(await ada.page.locator('label.option input:checked').count()).toBe(0);

    // Bob votes first, so that Ada's different choice is a dissent once she makes it.
    await bob.page.locator('#inject-title', { hasText: 'Retrain due' }).waitFor({ timeout: 15_000 });
    await decide(bob.page, 'Pause');
    await ada.page.locator('label.option', { hasText: 'Pause' }).getByText('Bob').waitFor();
    expect(await ada.page.locator('form.decision label', { hasText: 'Your reason' }).textContent()).not.toContain(
      'disagree',
    );
    await ada.page.locator('label.option', { hasText: 'Leave it' }).locator('input[type=radio]').check();
    expect(await ada.page.locator('form.decision label', { hasText: 'Your reason' }).textContent()).toContain(
      'you disagree with the team',
    );
    await ada.page.locator('form.decision button[type=submit]').click();

    // Cy has not voted, so the decision stays open: Bob sees Ada's vote, and no reason with it.
    await bob.page.locator('label.option', { hasText: 'Leave it' }).getByText('Ada').waitFor();
    await ada.page.getByText('Your vote:').waitFor();
    expect(await bob.page.getByText(OLD_REASON).count()).toBe(0);
    expect(await bob.page.locator('.reasons').count()).toBe(0);
    expect(ada.errors).toEqual([]);
    for (const d of [fac, ada, bob, cy]) await d.context.close();
  }, 180_000);
});
