/**
 * The facilitator's live board on a projector: three teams of two, every team card fully inside
 * the 1920×1080 viewport, votes and pause showing up live, team details in a drawer, and the
 * player's phone view with its sticky status line and jump to the decision. One player is a
 * phone-sized browser driven by keyboard only; the other five are protocol clients (fast).
 */
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../protocol/index.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { startApp, testDrill, type RunningApp } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  inViewport,
  launch,
  PHONE,
  PROJECTOR,
  screenshots,
  settled,
  shot,
} from './helpers/browser.ts';
import { createExercise, drillFacts, injectTitle, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();
const TEAMS = ['Red team', 'Blue team', 'Green team'];

/** Presses Tab until the focused element matches `test` (keyboard-only navigation). */
async function tabTo(page: Page, test: string, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const [hit, what] = await page.evaluate((t) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return [false, 'nothing'] as const;
      const text = (el.textContent ?? '').trim();
      return [
        el.matches(t) || text.startsWith(t) || el.getAttribute('aria-label') === t,
        `${el.tagName.toLowerCase()}#${el.id} "${text.slice(0, 30)}"`,
      ] as const;
    }, test);
    if (hit) return;
    seen.push(what);
  }
  throw new Error(`Tab never reached ${test}; focus went: ${seen.join(' → ')}`);
}

/** The focused element draws a visible focus ring (its own outline or its option label's). */
async function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return false;
    const ring = (x: Element) => {
      const s = getComputedStyle(x);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    };
    return ring(el) || (el.closest('label.option') !== null && ring(el.closest('label.option')!));
  });
}

describe.skipIf(!chromiumPath)('facilitator board and phone player view', () => {
  let app: RunningApp;
  let browser: Browser;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    app = await startApp(dirname(DRILL));
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await browser?.close();
    await app?.close();
  });

  it('shows three teams at once on 1920×1080, live votes and pause, and a phone player with sticky decision access', async () => {
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const check = async (page: Page, name: string) => {
      await screenshots(page, name);
      const v = await axe(page);
      expect(describeAxe(v), `axe on ${name}`).toBe('');
    };

    const code = await createExercise(fac.page, app.url, facts.title, TEAMS);
    // lobby with nobody in it: a clear empty state, and Start waits for the first player
    await fac.page.getByText('Nobody has joined yet').waitFor();
    expect(await fac.page.getByRole('button', { name: /Start the exercise/ }).isDisabled()).toBe(true);
    await check(fac.page, '13-lobby-empty');

    // the phone player joins with the keyboard only (the first to join lands in the first team)
    const ada = await device(browser, PHONE);
    await ada.page.goto(`${app.url}/#/join/${code}`);
    await ada.page.getByRole('heading', { name: 'Join an exercise' }).waitFor();
    await tabTo(ada.page, '#join-name');
    await ada.page.keyboard.type('Ada');
    await ada.page.keyboard.press('Enter');
    await ada.page.locator('.role-badge').waitFor({ timeout: 15_000 });
    // teams without players are called out before the start
    await fac.page.getByText('Blue team has no players yet').waitFor();

    // five more players as protocol clients: Red 2, Blue 2, Green 2
    const exerciseId = (await fac.page.evaluate(() => location.hash)).split('/')[2]!;
    const others: Array<[string, string]> = [
      ['Bo', 't1'],
      ['Cy', 't2'],
      ['Di', 't2'],
      ['Ed', 't3'],
      ['Flo', 't3'],
    ];
    const byName = new Map<string, TestClient>();
    for (const [name, teamId] of others) {
      const joined = await joinExercise(app.url, { code, name, teamId });
      expect(joined.exerciseId).toBe(exerciseId);
      const c = await connectClient(app.url, joined);
      clients.push(c);
      byName.set(name, c);
    }
    for (const name of ['Ada', ...others.map(([n]) => n)])
      await fac.page.locator('.roster .pname', { hasText: name }).waitFor();
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();

    // every team card is entirely inside the projector's viewport, without scrolling
    const cards = fac.page.locator('.tcard');
    await cards.nth(2).waitFor();
    expect(await cards.count()).toBe(3);
    await fac.page.locator('.tcard .tcard-inject').nth(2).waitFor();
    for (let i = 0; i < 3; i++) {
      const { inside, box } = await inViewport(fac.page, '.tcard', i);
      expect(inside, `team card ${i} at ${JSON.stringify(box)} is inside 1920×1080`).toBe(true);
      const card = cards.nth(i);
      expect(await card.locator('h2').textContent()).toBe(TEAMS[i]);
      await card.getByText('0 of 2', { exact: false }).waitFor();
      expect(await card.locator('.countdown').count()).toBe(1);
      expect(await card.locator('.clock-row').count()).toBeGreaterThan(1);
      await card
        .getByText(/✓ signed|✗ unsigned/)
        .first()
        .waitFor();
      await card.getByRole('button', { name: `Advance… ${TEAMS[i]}` }).waitFor();
    }
    // the global controls sit in the sticky header
    for (const name of ['Pause', 'Send an inject', 'End → debrief']) {
      const { inside } = await inViewport(fac.page, fac.page.locator('.board-controls button', { hasText: name }));
      expect(inside, `${name} is on screen`).toBe(true);
    }

    // a vote from a protocol client shows up live on the board
    const cy = byName.get('Cy')!;
    const blueState = await cy.waitFor(
      (s) => Boolean(s.teams.find((t) => t.id === 't2')?.progress.inject?.decision),
      10_000,
      'a decision for Blue',
    );
    const blueInject = blueState.teams.find((t) => t.id === 't2')!.progress.inject!;
    const blueOption = blueInject.decision!.options[0]!;
    expect((await cy.command({ type: 'vote', option: blueOption.id, inject: blueInject.id })).ok).toBe(true);
    const blueCard = cards.nth(1);
    await blueCard
      .locator('.tally-row', { hasText: blueOption.label.slice(0, 30) })
      .locator('.tally-voters', { hasText: 'Cy' })
      .waitFor();
    await blueCard.getByText('1 of 2', { exact: false }).waitFor();

    // Ada votes with the keyboard only: jump to the decision, arrow to an option, space, reason, submit
    await ada.page.locator('#inject-title').waitFor({ timeout: 15_000 });
    await ada.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 3));
    const hud = await inViewport(ada.page, '.hud');
    expect(hud.inside, 'the status line stays on screen while scrolling').toBe(true);
    await shot(ada.page, '15-player-phone-sticky-390x844');
    await tabTo(ada.page, 'Decision');
    expect(await focusRingVisible(ada.page)).toBe(true);
    await ada.page.keyboard.press('Enter');
    await ada.page.waitForFunction(() => document.activeElement?.closest('#decision') !== null);
    await ada.page.keyboard.press('Tab');
    expect(await ada.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    expect(await focusRingVisible(ada.page)).toBe(true);
    await ada.page.keyboard.press('ArrowDown');
    await ada.page.keyboard.press('Space');
    const adaPick = await ada.page.evaluate(
      () =>
        (document.activeElement as HTMLInputElement).closest('label')?.querySelector('.option-label')?.textContent ??
        '',
    );
    expect(adaPick.length).toBeGreaterThan(3);
    expect(await ada.page.locator('label.option', { hasText: adaPick }).locator('input').isChecked()).toBe(true);
    await ada.page.keyboard.press('Tab');
    expect(await ada.page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await ada.page.keyboard.type('Keyboard only, and it works.');
    await ada.page.keyboard.press('Tab');
    expect(await focusRingVisible(ada.page)).toBe(true);
    await ada.page.keyboard.press('Enter');
    await ada.page.locator('[role=status]', { hasText: 'Your vote:' }).waitFor();
    const redCard = cards.nth(0);
    await redCard
      .locator('.tally-row', { hasText: adaPick.slice(0, 30) })
      .locator('.tally-voters', { hasText: 'Ada' })
      .waitFor();
    await redCard.getByText('1 of 2', { exact: false }).waitFor();

    // the required screenshots, with axe on the board and the phone view
    await ada.page.evaluate(() => window.scrollTo(0, 0));
    await check(fac.page, '12-board-3-teams');
    await check(ada.page, '14-player-phone-decision');
    for (let i = 0; i < 3; i++) expect((await inViewport(fac.page, '.tcard', i)).inside).toBe(true);

    // details for one team open in a drawer (body, notes, full estate) and close with Escape
    await redCard.getByRole('button', { name: 'Details for Red team' }).click();
    const drawer = fac.page.getByRole('dialog', { name: 'Red team: details' });
    await drawer.waitFor();
    await drawer.locator('#details-inject-h').waitFor();
    await drawer.getByRole('heading', { name: 'AI estate' }).waitFor();
    await drawer.getByText('Keyboard only, and it works.', { exact: false }).waitFor();
    await fac.page.waitForFunction(() => !document.querySelector('#team-details .md-plain'));
    await check(fac.page, '16-board-team-details');
    await fac.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    // the app has caught up (the drawer's content is gone) before focus is checked and moved
    await fac.page.locator('#team-details .modal-head').waitFor({ state: 'detached' });
    await settled(fac.page);
    expect(await fac.page.evaluate(() => (document.activeElement?.textContent ?? '').startsWith('Details'))).toBe(true);

    // pause from the keyboard: every card says so, the phone shows the frozen countdown
    // (as after "Skip to content": focus on the main region, then Tab to the first control)
    await fac.page.evaluate(() => document.getElementById('main')?.focus());
    await tabTo(fac.page, 'Pause', 4);
    expect(await focusRingVisible(fac.page)).toBe(true);
    await fac.page.keyboard.press('Enter');
    await fac.page.locator('.tcard .tstatus', { hasText: 'Paused' }).nth(2).waitFor();
    await fac.page.getByRole('button', { name: /Resume/ }).waitFor();
    const banner = ada.page.locator('.paused-banner');
    await banner.getByText('Paused by the facilitator').waitFor();
    const frozen = (await banner.locator('.countdown').textContent())?.trim() ?? '';
    expect(frozen).toMatch(/^\d+:\d\d$/);
    expect(await ada.page.locator('.hud .countdown').textContent()).toContain('(paused)');
    await byName.get('Flo')!.waitFor((s: Snapshot) => s.exercise.status === 'paused', 5000, 'paused for players');
    await screenshots(fac.page, '17-board-paused');
    await shot(ada.page, '18-player-phone-paused-390x844');
    // the frozen value does not move: it is the server's remaining time, not a ticking clock
    expect((await banner.locator('.countdown').textContent())?.trim()).toBe(frozen);
    await fac.page.getByRole('button', { name: /Resume/ }).click();
    await banner.waitFor({ state: 'detached' });

    // Advance resolves Red's decision (Ada's vote); advancing again with no votes records no decision
    let sawNone = false;
    for (let i = 0; i < 6 && !sawNone; i++) {
      const title = await injectTitle(ada.page);
      if (title === null) break;
      await redCard.getByRole('button', { name: 'Advance… Red team' }).click();
      await redCard.getByRole('button', { name: 'Advance now for Red team' }).click();
      await waitForNext(ada.page, title);
      sawNone = (await ada.page.locator('.outcome-none').count()) > 0;
    }
    expect(sawNone, 'a decision advanced with no votes shows as "no decision" to the team').toBe(true);
    // item 8: the phone says who moved the drill on, not that time ran out
    await ada.page.getByText('The facilitator moved the drill on').waitFor();
    expect(await ada.page.getByText('before time ran out').count()).toBe(0);
    await ada.page.evaluate(() => window.scrollTo(0, 0));
    await shot(ada.page, '19-player-phone-no-decision-390x844');
    // the board shows Red further along than the others
    expect(await redCard.locator('.tcard-inject').textContent()).not.toBe(
      await cards.nth(2).locator('.tcard-inject').textContent(),
    );

    // a fourth team added during play (nobody in it yet): still every card on one screen
    await fac.page.getByRole('button', { name: /^Players/ }).click();
    const players = fac.page.getByRole('dialog', { name: 'Players and teams' });
    await players.getByLabel('New team').fill('Gold team');
    await players.getByRole('button', { name: 'Add team' }).click();
    await fac.page.locator('.tcard').nth(3).waitFor();
    await fac.page.keyboard.press('Escape');
    await players.waitFor({ state: 'hidden' });
    const gold = cards.nth(3);
    await gold.locator('.tstatus', { hasText: 'No players' }).waitFor();
    await gold.getByText('Nobody is in this team').waitFor();
    await shot(fac.page, '12b-board-4-teams-1920x1080');
    for (let i = 0; i < 4; i++) {
      const { inside, box } = await inViewport(fac.page, '.tcard', i);
      expect(inside, `team card ${i} of 4 at ${JSON.stringify(box)} is inside 1920×1080`).toBe(true);
    }

    // end → debrief → closed: the player sees that the exercise has ended
    await fac.page.getByRole('button', { name: /End → debrief/ }).click();
    await fac.page.getByRole('heading', { name: 'Debrief', exact: true }).waitFor({ timeout: 15_000 });
    await fac.page.getByRole('button', { name: 'Close the exercise' }).click();
    await fac.page.getByText('The exercise is closed').waitFor();
    await ada.page.getByText('The exercise has ended').waitFor();
    await settled(ada.page);

    for (const d of [fac, ada]) {
      expect(d.errors).toEqual([]);
      expect(d.dialogs.filter((x) => !x.startsWith('confirm'))).toEqual([]);
      await d.context.close();
    }
  }, 180_000);
});
