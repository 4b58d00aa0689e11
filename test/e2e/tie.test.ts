/**
 * A tied team vote in real Chromium: the phone player (the lead) votes apart while four
 * teammates split two against two, so nothing is recorded. The projector board marks the team
 * as tied and the phone says which options are level; one changed vote breaks the tie.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, PHONE, PROJECTOR, screenshots } from './helpers/browser.ts';
import { createExercise, decide, drillFacts, injectTitle, joinAs, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();

describe.skipIf(!chromiumPath)('a tied vote', () => {
  const ctx = appAndBrowser(dirname(DRILL));

  it('shows the tie on the board and the phone, and a changed vote commits', async () => {
    const { app, browser } = ctx;
    const facts = drillFacts(DRILL);
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, facts.title, ['Red team']);
    const lead = await device(browser, PHONE);
    await joinAs(lead.page, app.url, code, 'Ada'); // the first to join holds the lead role
    const clients: TestClient[] = [];
    try {
      for (const [name, role] of [
        ['Bo', 'soc-analyst'],
        ['Cy', 'ml-engineer'],
        ['Di', 'data-engineer'],
        ['Ed', 'legal'],
      ] as const) {
        clients.push(await connectClient(app.url, await joinExercise(app.url, { code, name, teamId: 't1', role })));
      }
      await fac.page.locator('.roster .pname', { hasText: 'Ed' }).waitFor();
      await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
      await lead.page.locator('form.decision').waitFor();
      const first = await injectTitle(lead.page);
      const options = clients[0]!.myTeam!.progress.inject!.decision!.options;
      expect(options.length).toBeGreaterThanOrEqual(3);
      const [a, b, c] = options;

      await decide(lead.page, c!.label); // the lead votes for neither of the tied options
      await lead.page.getByText('Your vote:').waitFor();
      for (const [i, client] of clients.entries()) {
        const ack = await client.command({
          type: 'vote',
          option: i % 2 === 0 ? a!.id : b!.id,
          inject: client.myTeam!.progress.inject!.id,
        });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
      }

      await fac.page.locator('.tcard-tied .tstatus', { hasText: 'Tied vote' }).waitFor();
      await fac.page.getByText('Tied: the team can change votes').waitFor();
      const notice = lead.page.locator('.tie-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('2 options have 2 votes each');
      const chips = lead.page.locator('label.option', { has: lead.page.locator('.tied-chip') });
      expect(await chips.allTextContents()).toEqual([
        expect.stringContaining(a!.label),
        expect.stringContaining(b!.label),
      ]);
      expect(await injectTitle(lead.page)).toBe(first);
      await screenshots(fac.page, '40-board-tied');
      await screenshots(lead.page, '41-player-tied');
      for (const page of [fac.page, lead.page]) expect(describeAxe(await axe(page))).toBe('');

      // Bo changes to the other side: three against one, and the decision commits
      const ack = await clients[0]!.command({
        type: 'vote',
        option: b!.id,
        inject: clients[0]!.myTeam!.progress.inject!.id,
      });
      expect(ack.ok).toBe(true);
      await waitForNext(lead.page, first);
      expect(await lead.page.locator('.tie-notice').count()).toBe(0);
      expect(await fac.page.locator('.tcard-tied').count()).toBe(0);
      expect(fac.errors.concat(lead.errors)).toEqual([]);
    } finally {
      for (const client of clients) client.close();
      await fac.context.close();
      await lead.context.close();
    }
  }, 180_000);
});
