/**
 * The board's layout at projector and laptop sizes (issue 13 items 3 and 16): the top bar is one
 * line at 1920 and 1366 wide, with one team and with four, and each of four team cards keeps its
 * pacing controls (+1 min, +5 min, Details, Advance…, Skip…) on one row at 1920×1080, in the
 * normal board and in projector mode. Measured with bounding boxes of the controls found by
 * their visible names.
 */
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  LAPTOP,
  PROJECTOR,
  screenshots,
  settled,
  shot,
} from './helpers/browser.ts';
import { createExercise, drillFacts } from './helpers/ui.ts';

const DRILL = testDrill();
const TEAMS = ['Red team', 'Blue team', 'Green team', 'Gold team'];

type Box = { x: number; y: number; width: number; height: number };

async function boxes(targets: Locator[]): Promise<Box[]> {
  const out: Box[] = [];
  for (const t of targets) {
    const box = await t.boundingBox();
    if (!box) throw new Error(`${t.toString()} is not on the page`);
    out.push(box);
  }
  return out;
}

/** Every box on one row: their vertical middles within a few pixels and none taller than one line of its kind allows. */
function oneRow(list: Box[], maxHeight: number): { ok: boolean; why: string } {
  const middles = list.map((b) => b.y + b.height / 2);
  const spread = Math.max(...middles) - Math.min(...middles);
  const tallest = Math.max(...list.map((b) => b.height));
  return {
    ok: spread <= 6 && tallest <= maxHeight,
    why: `middles spread ${spread.toFixed(1)}px, tallest ${tallest.toFixed(1)}px (max ${maxHeight}): ${JSON.stringify(list.map((b) => [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]))}`,
  };
}

/** The top bar's parts as a person sees them: brand, controls, projector toggle, status, code, seat. */
function headerParts(page: Page): Locator[] {
  // the top bar is the exercise page's <header> (inside <main>, so not a banner landmark)
  const bar = page.locator('header.topbar');
  return [
    bar.getByText('breachdrill', { exact: true }),
    bar.getByRole('button', { name: 'Pause' }),
    bar.getByRole('button', { name: 'Send an inject…' }),
    bar.getByRole('button', { name: /^Players/ }),
    bar.getByRole('button', { name: 'End → debrief' }),
    bar.getByRole('button', { name: 'Projector mode' }),
    bar.getByText('Running', { exact: true }),
    bar.getByText('Facilitator', { exact: true }),
  ];
}

async function expectOneLineHeader(page: Page, where: string): Promise<void> {
  await settled(page);
  const parts = await boxes(headerParts(page));
  const row = oneRow(parts, 56);
  if (!row.ok) await shot(page, `board-layout-failed-header ${where}`);
  expect(row.ok, `the top bar is one line ${where}: ${row.why}`).toBe(true);
  const bar = await page.locator('header.topbar').boundingBox();
  expect(bar!.height, `the top bar's height ${where}`).toBeLessThanOrEqual(72);
}

async function expectControlsOneRow(page: Page, team: string, where: string): Promise<void> {
  const card = page.getByRole('region', { name: team });
  const controls = [
    card.getByRole('button', { name: `+1 min for ${team}` }),
    card.getByRole('button', { name: `+5 min for ${team}` }),
    card.getByRole('button', { name: `Details for ${team}` }),
    card.getByRole('button', { name: `Advance… ${team}` }),
    card.getByRole('button', { name: `Skip… the inject for ${team}` }),
  ];
  const list = await boxes(controls);
  const row = oneRow(list, 48);
  if (!row.ok) await shot(page, `board-layout-failed-controls ${where}`);
  expect(row.ok, `${team}'s pacing controls are on one row ${where}: ${row.why}`).toBe(true);
  // and inside their card
  const cardBox = (await card.boundingBox())!;
  for (const b of list)
    expect(b.x + b.width, `${team}'s controls stay inside the card ${where}`).toBeLessThanOrEqual(
      cardBox.x + cardBox.width + 0.5,
    );
}

describe.skipIf(!chromiumPath)('board layout at projector and laptop sizes', () => {
  const env = appAndBrowser(dirname(DRILL));
  const clients: TestClient[] = [];

  it('keeps the top bar on one line and each team card’s pacing controls on one row', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);

    // one team: the top bar is one line at both sizes
    const solo = await device(browser, PROJECTOR);
    const oneCode = await createExercise(solo.page, app.url, facts.title, ['Red team']);
    const first = await joinExercise(app.url, { code: oneCode, name: 'Ada' });
    clients.push(await connectClient(app.url, first));
    await solo.page.getByRole('button', { name: /Start the exercise/ }).click();
    await solo.page.getByRole('region', { name: 'Red team' }).getByRole('heading', { level: 3 }).waitFor();
    await expectOneLineHeader(solo.page, 'with one team at 1920×1080');
    await solo.page.setViewportSize(LAPTOP);
    await expectOneLineHeader(solo.page, 'with one team at 1366×768');
    await solo.context.close();

    // four teams of one player each
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, TEAMS);
    for (const [i, name] of ['Bo', 'Cy', 'Di', 'Ed'].entries()) {
      const joined = await joinExercise(app.url, { code, name, teamId: `t${i + 1}` });
      clients.push(await connectClient(app.url, joined));
    }
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    for (const team of TEAMS)
      await fac.page
        .getByRole('region', { name: team })
        .getByRole('button', { name: `Advance… ${team}` })
        .waitFor();

    for (const projector of [false, true]) {
      const mode = projector ? ' in projector mode' : '';
      if (projector) {
        await fac.page.getByRole('button', { name: 'Projector mode' }).click();
        await fac.page.getByRole('button', { name: 'Projector mode', pressed: true }).waitFor();
      }
      await fac.page.setViewportSize(PROJECTOR);
      await expectOneLineHeader(fac.page, `with four teams at 1920×1080${mode}`);
      for (const team of TEAMS) await expectControlsOneRow(fac.page, team, `at 1920×1080${mode}`);
      await fac.page.setViewportSize(LAPTOP);
      await expectOneLineHeader(fac.page, `with four teams at 1366×768${mode}`);
      await fac.page.setViewportSize(PROJECTOR);
      // a clock's limit in the one duration format, as the reports write it (GDPR's 72h, not 3d)
      expect(await fac.page.getByText('Reg 72h', { exact: true }).count(), 'the GDPR clock on each card').toBe(
        TEAMS.length,
      );
      await screenshots(fac.page, `board-layout-4-teams${projector ? '-projector' : ''}`);
      expect(describeAxe(await axe(fac.page)), `axe on the four-team board${mode}`).toBe('');
    }
    expect(fac.errors).toEqual([]);
    await fac.context.close();
    for (const c of clients) c.close();
  }, 240_000);
});
