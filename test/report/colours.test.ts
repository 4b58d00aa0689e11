/**
 * One set of meaningful colours (protocol/colours.ts): the exported HTML report names each
 * decision's NIST phase in the colours the board and the phone give it, rates capabilities in
 * the web report's colours, and every colour pair is readable (WCAG AA, 4.5:1).
 */
import { describe, expect, it } from 'vitest';
import { colourCss, PHASE_COLOURS, phaseFamily, RATING_COLOURS } from '../../protocol/colours.ts';
import { buildReport } from '../../server/report/model.ts';
import { fixedHistory, loadFraudLite } from './fixture-history.ts';
import { renderAll } from './render-all.ts';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('shared colours', () => {
  const { drill, stats } = loadFraudLite();
  const report = buildReport(drill, stats, fixedHistory(drill, stats));
  const html = renderAll(report).html;

  it('the HTML report carries the phase and rating colours of the board and the phone', () => {
    expect(html).toContain(colourCss());
    for (const team of report.teams) {
      for (const d of team.decisions)
        expect(html).toContain(
          `<span class="phase-chip phase-${phaseFamily(d.nist)}">${d.phase.replace(/&/g, '&amp;')}</span>`,
        );
    }
    const families = new Set(report.teams.flatMap((t) => t.decisions.map((d) => phaseFamily(d.nist))));
    expect(families.size, 'the fixture crosses several phases').toBeGreaterThan(2);
  });

  it('every NIST phase id of the drill format has a colour family', () => {
    for (const nist of ['preparation', 'detection-analysis', 'containment-eradication-recovery', 'post-incident'])
      expect(phaseFamily(nist), nist).not.toBeNull();
    expect(phaseFamily('lunch')).toBeNull();
  });

  it('each phase colour reads at 4.5:1 on its background and on white; each rating colour on white', () => {
    for (const [family, c] of Object.entries(PHASE_COLOURS)) {
      expect(contrast(c.ink, c.background), family).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c.ink, '#ffffff'), family).toBeGreaterThanOrEqual(4.5);
    }
    for (const [rating, c] of Object.entries(RATING_COLOURS))
      expect(contrast(c, '#ffffff'), rating).toBeGreaterThanOrEqual(4.5);
  });
});
