/**
 * Format 2 on the facilitator's board and a phone, in real Chromium (issue 12): the team card's
 * estate rows name the agent, its tools, the retrieval store, the dataset and the credential by
 * their labels and change live as the team decides; a drill-defined role is shown by its name
 * ("Customer support lead") in the picker, the roster, the lobby and on the player's phone,
 * never as its id. The drill is test/fixtures/valid/estate-kinds.yaml.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { appAndBrowser, repoRoot } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, PHONE, PROJECTOR, screenshots } from './helpers/browser.ts';
import { createExercise } from './helpers/ui.ts';

describe.skipIf(!chromiumPath)('format 2 estate rows and drill-defined roles on the board', () => {
  const env = appAndBrowser(join(repoRoot, 'test/fixtures/valid'));

  it('shows the estate kinds by label on the team card, live, and drill-defined roles by name everywhere', async () => {
    const { app, browser } = env;
    const fac = await device(browser, PROJECTOR);
    const code = await createExercise(fac.page, app.url, 'Poisoned knowledge base', ['Support team'], async () => {
      // the picker's role badges already use the drill's name for its own role
      await fac.page.locator('.badge', { hasText: 'Customer support lead' }).first().waitFor();
      expect(await fac.page.getByText('support-lead', { exact: true }).count()).toBe(0);
    });

    // a player in the drill's own role on a phone, and the IR lead as a protocol client
    const sam = await device(browser, PHONE);
    const samSeat = await joinExercise(app.url, { code, name: 'Sam', role: 'support-lead' });
    // the seat link a facilitator hands over (H12) puts the token on the phone
    await sam.page.goto(`${app.url}/#/seat/${samSeat.exerciseId}/${encodeURIComponent(samSeat.token)}`);
    const lead = await connectClient(app.url, await joinExercise(app.url, { code, name: 'Lee', role: 'ir-lead' }));
    try {
      await fac.page.locator('.roster .pname', { hasText: 'Sam' }).waitFor();
      await fac.page.locator('.roster', { hasText: 'Customer support lead' }).first().waitFor();
      await sam.page.locator('.role-badge', { hasText: 'Customer support lead' }).waitFor({ timeout: 15_000 });
      await fac.page.getByRole('button', { name: /Start the exercise/ }).click();

      const card = fac.page.locator('.tcard').first();
      await card.locator('.tcard-inject').waitFor();
      const row = (kind: string, label: string) =>
        card
          .locator('.brief-row', { has: fac.page.locator('.brief-kind', { hasText: kind }) })
          .filter({ hasText: label });
      await row('Agent', 'Support assistant').getByText('Issue refund allowed').waitFor();
      await row('Agent', 'Support assistant').getByText('Read orders allowed').waitFor();
      await row('Retrieval', 'Help-centre index').getByText('serving, syncing').waitFor();
      await row('Dataset', 'Fine-tuning set').getByText('v4 unverified').waitFor();
      await row('Credential', 'Payments API key').getByText('valid').waitFor();
      // ids of tools, namespaces and sources never reach the wall
      for (const id of ['issue-refund', 'read-orders', 'forum-sync', 'refund-api-key'])
        expect(await card.getByText(id).count(), id).toBe(0);
      await screenshots(fac.page, 'board-estate-kinds-start');
      expect(describeAxe(await axe(fac.page)), 'axe on the board with format 2 estate rows').toBe('');

      // the lead decides (lead breaks ties; alone in vote mode, the lead's vote settles it)
      const first = await lead.waitFor(
        (s) => Boolean(s.teams[0]?.progress.inject?.decision),
        10_000,
        'the first decision',
      );
      const inject = first.teams[0]!.progress.inject!;
      expect((await lead.command({ type: 'vote', inject: inject.id, option: 'gate' })).ok).toBe(true);
      await sam.page.getByRole('radio', { name: /Require approval for refunds/ }).check();
      await sam.page.getByRole('button', { name: 'Cast my vote' }).click();
      await row('Agent', 'Support assistant').getByText('Issue refund needs approval').waitFor({ timeout: 15_000 });
      await row('Credential', 'Payments API key').getByText('rotated').waitFor();
      await screenshots(fac.page, 'board-estate-kinds-after');
      await screenshots(sam.page, 'phone-drill-defined-role');
      expect(describeAxe(await axe(sam.page)), 'axe on the phone').toBe('');
    } finally {
      lead.close();
    }
  }, 120_000);
});
