/**
 * The facilitator (issue 13, items 9, 11, 12, 13): the create form with its primary action on
 * screen at every size and chips that do not break; a lobby whose Start button stands clear;
 * Advance and Skip apart from +1 min and confirmed first; a compact decision trail per team
 * that keeps four teams on a 1920×1080 board; and phones saying who decides in the current
 * mode. Driven by visible labels; the other players are protocol clients.
 */
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  inViewport,
  LAPTOP,
  PHONE,
  PROJECTOR,
  screenshots,
} from './helpers/browser.ts';
import { drillFacts, joinAs } from './helpers/ui.ts';

const DRILL = testDrill();
const TEAMS = ['Red team', 'Blue team', 'Green team', 'Gold team'];

async function checked(page: Page, name: string): Promise<void> {
  await screenshots(page, name);
  expect(describeAxe(await axe(page)), `axe on ${name}`).toBe('');
}

describe.skipIf(!chromiumPath)('the facilitator console', () => {
  const env = appAndBrowser(dirname(DRILL));
  const clients: TestClient[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  it('create form on one screen, confirmable Advance, a decision trail per team, who decides', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    await fac.page.goto(`${app.url}/#/`);
    await fac.page.getByRole('link', { name: 'Create an exercise' }).click();
    await fac.page.getByRole('radio', { name: new RegExp(facts.title) }).check();
    await fac.page.getByRole('heading', { name: 'Flow' }).waitFor();

    // item 9: the primary action is on screen without scrolling, at every size
    const open = fac.page.getByRole('button', { name: 'Open the lobby' });
    for (const size of [PROJECTOR, LAPTOP, PHONE]) {
      await fac.page.setViewportSize(size);
      await fac.page.evaluate(() => window.scrollTo(0, 0));
      expect(
        (await inViewport(fac.page, open)).inside,
        `Open the lobby on screen at ${size.width}×${size.height}`,
      ).toBe(true);
    }
    await fac.page.setViewportSize(PROJECTOR);
    // item 9: role chips sit side by side and never break inside a word
    const chips = fac.page.getByRole('region', { name: facts.title }).locator('.facts .badge');
    const boxes = await Promise.all((await chips.all()).map((c) => c.boundingBox()));
    expect(boxes.length).toBeGreaterThan(2);
    for (const b of boxes) expect(b!.height, 'a chip is one line').toBeLessThan(34);
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size, 'chips share lines').toBeLessThan(boxes.length);
    await checked(fac.page, 'fac-create');

    await fac.page.getByLabel('Teams (one per line)').fill(TEAMS.join('\n'));
    await open.click();
    const code = (await fac.page.locator('.join-code').textContent({ timeout: 15_000 }))!.trim();
    const ada = await device(browser, PHONE);
    await joinAs(ada.page, app.url, code, 'Ada');
    for (const [name, teamId] of [
      ['Bo', 't1'],
      ['Cy', 't2'],
      ['Di', 't3'],
      ['Ed', 't4'],
    ] as const) {
      clients.push(await connectClient(app.url, await joinExercise(app.url, { code, name, teamId })));
    }
    // item 9: the Start button stands clear of the New team field
    const start = await fac.page.getByRole('button', { name: /Start the exercise/ }).boundingBox();
    const field = await fac.page.getByLabel('New team').boundingBox();
    expect(start!.y - (field!.y + field!.height), 'space between New team and Start').toBeGreaterThanOrEqual(16);
    await checked(fac.page, 'fac-lobby');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();

    // item 13: the phone says who decides in this mode (team vote), not the drill's deciders
    await ada.page.locator('#inject-title').waitFor();
    await ada.page.getByText('Team vote: the majority decides').waitFor();
    expect(await ada.page.getByText('Deciders:').count()).toBe(0);

    // item 11: Advance and Skip are apart from more time, and ask first
    const red = fac.page.getByRole('region', { name: 'Red team' });
    const moreTime = red.getByRole('group', { name: 'More time for Red team' });
    const moveOn = red.getByRole('group', { name: 'Move Red team on' });
    await moreTime.getByRole('button', { name: '+1 min for Red team' }).waitFor();
    expect(await moveOn.getByRole('button', { name: /\+1 min/ }).count()).toBe(0);
    const gap =
      (await moveOn.boundingBox())!.x - ((await moreTime.boundingBox())!.x + (await moreTime.boundingBox())!.width);
    expect(gap, 'Advance and Skip sit apart from +1 min').toBeGreaterThanOrEqual(16);
    const title = await ada.page.locator('#inject-title').textContent();
    await moveOn.getByRole('button', { name: 'Advance… Red team' }).click();
    await red.getByRole('button', { name: 'Cancel' }).click();
    expect(await ada.page.locator('#inject-title').textContent(), 'Cancel leaves the team where it was').toBe(title);

    // item 12: votes, then Advance: a trail of the team's decisions with the votes behind them
    await clients[0]!.command({ type: 'vote', option: clients[0]!.myTeam!.progress.inject!.decision!.options[0]!.id });
    await moveOn.getByRole('button', { name: 'Advance… Red team' }).click();
    await red.getByRole('button', { name: 'Advance now for Red team' }).click();
    const trail = red.getByRole('list', { name: 'Decisions so far by Red team' });
    await trail.getByRole('listitem').first().waitFor();
    expect(await trail.getByRole('listitem').first().textContent()).toMatch(/1 of 1 vote\b|1\/1/);
    for (let i = 0; i < 2; i++) {
      const t = await ada.page.locator('#inject-title').textContent();
      await moveOn.getByRole('button', { name: 'Skip… the inject for Red team' }).click();
      await red.getByRole('button', { name: 'Skip now for Red team' }).click();
      await ada.page.waitForFunction((prev) => document.querySelector('#inject-title')?.textContent !== prev, t);
    }
    expect(await trail.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 4; i++) {
      const { inside, box } = await inViewport(fac.page, fac.page.locator('.tcard'), i);
      expect(inside, `team card ${i} of 4 at ${JSON.stringify(box)} fits 1920×1080 with its trail`).toBe(true);
    }
    await checked(fac.page, 'fac-board-trail');

    // item 15: inline Markdown in option labels, on the phone and on the board (no raw backticks)
    for (let i = 0; i < 8 && (await ada.page.getByRole('radio', { name: /production/ }).count()) === 0; i++) {
      const t = await ada.page.locator('#inject-title').textContent();
      await moveOn.getByRole('button', { name: 'Skip… the inject for Red team' }).click();
      await red.getByRole('button', { name: 'Skip now for Red team' }).click();
      await ada.page.waitForFunction((prev) => document.querySelector('#inject-title')?.textContent !== prev, t);
    }
    const option = ada.page.getByRole('radio', { name: /production/ }).first();
    await option.waitFor();
    const label = ada.page
      .locator('label')
      .filter({ hasText: /production/ })
      .first();
    expect(await label.locator('code', { hasText: 'production' }).count()).toBeGreaterThanOrEqual(1);
    expect(await label.textContent()).not.toContain('`');
    await red.locator('code', { hasText: 'production' }).first().waitFor();
    expect(await red.textContent()).not.toContain('`');
    await checked(ada.page, 'phone-inline-markdown');
    await checked(ada.page, 'phone-who-decides');
    for (const d of [fac, ada]) {
      expect(d.errors).toEqual([]);
      expect(d.dialogs).toEqual([]);
      await d.context.close();
    }
  }, 240_000);
});
