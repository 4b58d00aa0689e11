/**
 * A facilitator and three players, each in their own browser context, run the poisoning drill
 * from lobby to debrief through every phase. Screenshots and an axe-core check on each main
 * screen along the way.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, repoRoot } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, PHONE, PROJECTOR, screenshots } from './helpers/browser.ts';
import { createExercise, decide, drillFacts, injectTitle, joinAs, waitForNext } from './helpers/ui.ts';

const DRILL = process.env.E2E_DRILL ?? join(repoRoot, 'scenarios/poisoned-fraud-detector.yaml');
const haveDrill = existsSync(DRILL);
if (!haveDrill) console.warn(`!! drill e2e skipped: ${DRILL} does not exist yet`);

describe.skipIf(!chromiumPath || !haveDrill)('team drill in real Chromium', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('runs lobby → every phase → debrief with a facilitator and three players', async () => {
    const { app, browser } = env;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const check = async (page: typeof fac.page, name: string) => {
      await screenshots(page, name);
      const v = await axe(page);
      expect(describeAxe(v), `axe on ${name}`).toBe('');
    };

    await fac.page.goto(`${app.url}/#/`);
    await fac.page.getByRole('heading', { name: 'Join an exercise' }).waitFor();
    await check(fac.page, '01-home');

    const code = await createExercise(fac.page, app.url, facts.title, ['Blue team'], () =>
      check(fac.page, '02-create-exercise'),
    );
    expect(code).toMatch(/^[A-Z0-9]{4,12}$/);

    const names = ['Ada', 'Grace', 'Linus'];
    const players = [];
    for (const name of names) {
      const p = await device(browser, PHONE);
      await joinAs(p.page, app.url, code, name);
      players.push(p);
      // players arrive live in the facilitator's lobby
      await fac.page.locator('.roster .pname', { hasText: name }).waitFor();
    }
    await check(fac.page, '03-lobby');
    await check(players[0]!.page, '04-player-lobby');
    // every player has a role shown at all times
    for (const p of players)
      expect(((await p.page.locator('.role-badge').textContent()) ?? '').length).toBeGreaterThan(2);

    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await players[0]!.page.locator('#inject-title').waitFor({ timeout: 15_000 });

    const phasesSeen = new Set<string>();
    let shots = 0;
    for (let step = 0; step < 40; step++) {
      const lead = players[0]!.page;
      if (await lead.locator('#ending-h').count()) break;
      const title = await injectTitle(lead);
      if (title === null) break;
      phasesSeen.add(((await lead.locator('.phase-chip span').first().textContent()) ?? '').trim());
      const best = facts.best.get(title);
      if (best) {
        for (const p of players) {
          await p.page.locator('#inject-title', { hasText: title }).waitFor();
          await decide(p.page, best);
          // the last vote may settle the decision at once, so either the vote shows or the story moves on
          await p.page.waitForFunction(
            (t) =>
              document.body.innerText.includes('Your vote:') ||
              document.querySelector('#inject-title')?.textContent !== t,
            title,
          );
          if (p === players[1] && shots === 0) {
            // votes of teammates show on each screen and on the facilitator's board
            await players[0]!.page.locator('.voter', { hasText: names[1]! }).waitFor();
            await fac.page.locator('.tally-row', { hasText: best }).getByText(names[1]!, { exact: false }).waitFor();
            await check(players[0]!.page, '05-player-decision');
            await check(fac.page, '06-facilitator-board');
            shots++;
          }
        }
      } else {
        await lead.getByRole('button', { name: 'Continue' }).click();
      }
      await waitForNext(lead, title);
    }
    expect([...phasesSeen].sort()).toEqual([...new Set(facts.phases)].sort());

    // the facilitator ends the exercise and everyone reaches the debrief
    // (when every team has reached its ending the server may open the debrief by itself)
    const end = fac.page.getByRole('button', { name: /End → debrief/ });
    if (await end.count()) await end.click();
    await fac.page.getByRole('heading', { name: 'Debrief', exact: true }).waitFor({ timeout: 15_000 });
    for (const p of players)
      await p.page.getByRole('heading', { name: 'Debrief', exact: true }).waitFor({ timeout: 15_000 });
    await expect(players[0]!.page.locator('.log-entry').count()).resolves.toBeGreaterThan(0);
    await check(players[0]!.page, '07-player-debrief');
    await check(fac.page, '08-facilitator-debrief');
    expect(await fac.page.getByRole('link', { name: 'Open the gap report' }).count()).toBe(1);

    for (const d of [fac, ...players]) {
      expect(d.errors).toEqual([]);
      expect(d.dialogs.filter((x) => !x.startsWith('confirm'))).toEqual([]);
      await d.context.close();
    }
  }, 240_000);
});
