/**
 * The look (issue 13 item 16): design tokens in force, one colour per incident-response phase
 * on the board and the phone, and a projector mode for the board (larger type, stronger edges)
 * that keeps every team on a 1920×1080 screen and passes axe.
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
} from './helpers/browser.ts';
import { createExercise, drillFacts, joinAs } from './helpers/ui.ts';

const DRILL = testDrill();

const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe.skipIf(!chromiumPath)('the look', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('tokens, phase colours shared by board and phone, projector mode', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, ['Red team', 'Blue team']);
    const ada = await device(browser, PHONE);
    await joinAs(ada.page, app.url, code, 'Ada');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await ada.page.locator('#inject-title').waitFor();
    const red = fac.page.getByRole('region', { name: 'Red team' });
    await red.getByRole('heading', { level: 3 }).waitFor();

    // the tokens are defined once and used: spacing, type scale, elevation on cards
    expect((await style(fac.page, 'html', '--space-4')).trim()).toBe('16px');
    expect((await style(ada.page, '.card', 'box-shadow')).trim()).not.toBe('none');
    // the same phase has the same colours on the board and on the phone
    const board = [
      await style(fac.page, '.tcard .phase-chip', 'color'),
      await style(fac.page, '.tcard .phase-chip', 'background-color'),
    ];
    const phone = [
      await style(ada.page, '.inject .phase-chip', 'color'),
      await style(ada.page, '.inject .phase-chip', 'background-color'),
    ];
    expect(board).toEqual(phone);
    expect(board[1]).not.toBe('rgba(0, 0, 0, 0)');

    // projector mode: larger type, still every team on screen, still accessible
    const before = parseFloat(await style(fac.page, '.tcard-head h2', 'font-size'));
    const toggle = fac.page.getByRole('button', { name: 'Projector mode' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const after = parseFloat(await style(fac.page, '.tcard-head h2', 'font-size'));
    expect(after / before, 'team names grow in projector mode').toBeGreaterThanOrEqual(1.2);
    for (let i = 0; i < 2; i++) expect((await inViewport(fac.page, fac.page.locator('.tcard'), i)).inside).toBe(true);
    await screenshots(fac.page, 'look-board-projector');
    expect(describeAxe(await axe(fac.page)), 'axe in projector mode').toBe('');
    await fac.page.reload();
    await fac.page.getByRole('button', { name: 'Projector mode', pressed: true }).waitFor();
    await screenshots(ada.page, 'look-phone');
    expect(describeAxe(await axe(ada.page)), 'axe on the phone').toBe('');
    for (const d of [fac, ada]) {
      expect(d.errors).toEqual([]);
      await d.context.close();
    }
  }, 180_000);
});
