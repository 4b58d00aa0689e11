/**
 * Players on phones (issue 13, items 5-8, and the hot-wash progress of item 10): news that
 * arrives out of sight comes as a toast that takes them there, a one-line sticky header,
 * thumb-sized hot-wash ratings, "the facilitator moved the drill on" after Advance, and a
 * pointer to the hot wash at the top of the debrief. Driven by visible labels only.
 */
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  inViewport,
  PHONE,
  PROJECTOR,
  screenshots,
  shot,
} from './helpers/browser.ts';
import { createExercise, drillFacts, joinAs } from './helpers/ui.ts';

const DRILL = testDrill();

async function checked(page: Page, name: string): Promise<void> {
  await screenshots(page, name);
  expect(describeAxe(await axe(page)), `axe on ${name}`).toBe('');
}

/** Scrolls the phone to the decision with the header's jump button. */
async function toDecision(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Decision\b.*jump to it/ }).click();
  await page.waitForFunction(() => window.scrollY > 200);
}

describe.skipIf(!chromiumPath)('players on phones', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('toast for news out of sight, one-line header, Advance wording, hot-wash pointer and progress', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, ['Red team']);
    const ada = await device(browser, PHONE);
    const bo = await device(browser, PHONE);
    await joinAs(ada.page, app.url, code, 'Ada');
    await joinAs(bo.page, app.url, code, 'Bo');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await ada.page.locator('#inject-title').waitFor();

    // item 7: the sticky header is one line, its jump button a thumb target
    const header = await ada.page.locator('header.topbar').boundingBox({ timeout: 5000 });
    expect(header!.height, 'header height on a 390×844 phone').toBeLessThanOrEqual(60);
    const jump = await ada.page.getByRole('button', { name: /^Decision\b.*jump to it/ }).boundingBox({ timeout: 5000 });
    expect(jump!.height).toBeGreaterThanOrEqual(44);

    // item 5: a message arrives while Ada reads the decision: a toast takes her to it
    await toDecision(ada.page);
    await fac.page.getByRole('button', { name: /Send an inject/ }).click();
    const dialog = fac.page.getByRole('dialog', { name: 'Send an ad-hoc inject' });
    await dialog.getByLabel('Title').fill('Regulator on the line');
    await dialog.getByLabel('Message (Markdown)').fill('The **supervisor** asks for a call in 10 minutes.');
    await dialog.getByRole('button', { name: 'Send inject' }).click();
    const toast = ada.page.getByRole('button', { name: /New message from the facilitator: Regulator on the line/ });
    await toast.waitFor();
    // the toast only shows while its target is out of sight: capture the phone as it is
    await shot(ada.page, 'phone-toast-message-390x844');
    expect(describeAxe(await axe(ada.page)), 'axe with the toast').toBe('');
    await toast.click();
    const message = ada.page.getByRole('heading', { name: /Regulator on the line/ });
    expect((await inViewport(ada.page, message)).inside, 'the message is on screen after the toast').toBe(true);
    await toast.waitFor({ state: 'detached' });

    // items 5 and 8: Advance while Ada is at the decision: a toast for the new inject, then the wording
    await toDecision(ada.page);
    const before = await ada.page.locator('#inject-title').textContent();
    const red = fac.page.getByRole('region', { name: 'Red team' });
    await red.getByRole('button', { name: 'Advance… Red team' }).click();
    await red.getByRole('button', { name: 'Advance now for Red team' }).click();
    await ada.page.waitForFunction((prev) => document.querySelector('#inject-title')?.textContent !== prev, before);
    const injectToast = ada.page.getByRole('button', { name: /^New inject: / });
    if (await injectToast.count()) await injectToast.click();
    await ada.page.getByText('The facilitator moved the drill on').waitFor();
    expect(await ada.page.getByText('before time ran out').count()).toBe(0);
    await checked(ada.page, 'phone-advanced');

    // item 6: the debrief says there is a hot wash at the top, and jumps there
    await fac.page.getByRole('button', { name: /End → debrief/ }).click();
    const pointer = ada.page.getByRole('button', { name: /^Hot wash: \d+ questions/ });
    await pointer.waitFor({ timeout: 15_000 });
    expect((await inViewport(ada.page, pointer)).inside, 'the pointer is at the top').toBe(true);
    await checked(ada.page, 'phone-debrief-pointer');
    await pointer.click();
    const hotwash = ada.page.getByRole('heading', { name: 'Hot wash', exact: true });
    expect((await inViewport(ada.page, hotwash)).inside, 'the hot wash is on screen after the jump').toBe(true);
    // item 7: rating targets are at least 44 px for thumbs
    const rating = ada.page.getByRole('group').filter({ hasText: 'How confident' }).first();
    const box = await rating.locator('label').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    await ada.page.getByLabel('What worked?').fill('Fast snapshot');
    await rating.locator('label').nth(3).click();
    await ada.page.getByRole('button', { name: 'Send my answers' }).click();
    await checked(ada.page, 'phone-hotwash');

    // item 10: the facilitator sees who has answered, per team, live
    const progress = fac.page.getByRole('region', { name: 'Hot-wash answers' });
    await progress.getByText('1 of 2 answered').waitFor();
    await progress.getByText('Ada').waitFor();
    await checked(fac.page, 'debrief-hotwash-progress');

    for (const d of [fac, ada, bo]) {
      expect(d.errors).toEqual([]);
      await d.context.close();
    }
  }, 240_000);
});
