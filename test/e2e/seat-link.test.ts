/**
 * H12 (issue 11 item 7) in the browser: Ada joins twice under one name; the facilitator sees
 * both seats flagged, hands her a link to the first seat, and her new device opens it in the
 * same team and role with her vote. Her own device offers the same kind of link, and a vote she
 * changes on the new device shows as her choice on the old one.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI } from '../helpers/server.ts';
import { appAndBrowser } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, decide, joinAs } from './helpers/ui.ts';

describe.skipIf(!chromiumPath)('back to the first seat', () => {
  const env = appAndBrowser(dirname(MINI));

  it('H12 the facilitator sees two seats named Ada, links the first to her new phone; it opens with her team, role and vote', async () => {
    const { app, browser } = env;
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, 'Mini drill', ['Red']);
    const laptop = await device(browser, PHONE);
    const bob = await device(browser, PHONE);
    await joinAs(laptop.page, app.url, code, 'Ada');
    await joinAs(bob.page, app.url, code, 'Bob');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await laptop.page.locator('form.decision').waitFor({ timeout: 15_000 });
    await decide(laptop.page, 'Snapshot then roll back');
    await laptop.page.getByText('Your vote:').waitFor();
    const team = await laptop.page.locator('.topbar-me .badge').textContent();
    const role = await laptop.page.locator('.role-badge').textContent();
    // her own device shows the way back too
    await laptop.page.getByText('Continue on another device').click();
    expect(await laptop.page.getByLabel('Link to your seat').inputValue()).toMatch(/#\/seat\//);

    // the laptop is gone; she joins again on a phone and gets a second seat
    const phone = await device(browser, PHONE);
    await joinAs(phone.page, app.url, code, 'Ada');
    await fac.page.getByRole('button', { name: /^Players \(3\)/ }).click();
    await fac.page.getByText('2 seats with this name').first().waitFor({ timeout: 15_000 });

    // the facilitator links the seat that holds her vote: the first one, in join order
    const firstSeat = fac.page.locator('.roster li', { hasText: 'Ada' }).first();
    await firstSeat.getByRole('button', { name: /Link to this seat/ }).click();
    const link = await firstSeat.getByLabel('Link to the seat of Ada').inputValue();
    await phone.page.goto(link);
    await phone.page.locator('form.decision').waitFor({ timeout: 15_000 });
    expect(await phone.page.locator('.topbar-me .badge').textContent()).toBe(team);
    expect(await phone.page.locator('.role-badge').textContent()).toBe(role);
    await expect(phone.page.locator('[role=status]', { hasText: 'Your vote:' }).textContent()).resolves.toContain(
      'Snapshot then roll back',
    );
    expect(phone.page.url()).not.toContain('/seat/'); // the token left the address bar
    // she changes her vote on the phone: the laptop, still open on the same seat, shows it as her choice
    await decide(phone.page, 'Wait');
    await expect
      .poll(() => laptop.page.locator('label.option', { hasText: 'Wait' }).locator('input[type=radio]').isChecked(), {
        timeout: 15_000,
      })
      .toBe(true);
    expect([...fac.errors, ...phone.errors]).toEqual([]);
    for (const d of [fac, laptop, bob, phone]) await d.context.close();
  }, 180_000);
});
