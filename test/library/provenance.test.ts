/**
 * Provenance: a drill names the ATLAS case studies and public incidents it draws on. Case-study
 * IDs are checked against the shipped ATLAS v5.6.0 catalog, and the names people read come from
 * it; the scenario picker's summary and the gap report carry the list.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillText } from '../../server/engine/check.ts';
import { atlasCaseStudy } from '../../server/engine/atlas.ts';
import { provenanceLine } from '../../server/engine/provenance.ts';
import { compileScenario } from '../../server/exercise/scenarios.ts';
import { MINI } from '../engine/helpers.ts';

const mini = readFileSync(MINI, 'utf8');
/** The mini drill with a provenance block inserted before its frameworks line (line 9). */
const withProvenance = (block: string) => mini.replace('frameworks:', `${block}\nframeworks:`);

describe('provenance in the drill format', () => {
  it('the catalog holds all 57 ATLAS v5.6.0 case studies with their names and dates', () => {
    expect(atlasCaseStudy('AML.CS0023')).toEqual({
      id: 'AML.CS0023',
      name: 'ShadowRay',
      date: '2023-09-05',
      type: 'incident',
    });
    expect(atlasCaseStudy('AML.CS0000')?.name).toBe('Evasion of Deep Learning Detector for Malware C&C Traffic');
    expect(atlasCaseStudy('AML.CS0056')?.name).toBe('Model Distillation Campaigns Targeting Anthropic Claude');
    expect(atlasCaseStudy('AML.CS0057')).toBeUndefined();
  });

  it('summarises ATLAS case studies by their catalog name and other sources by title, for the picker', () => {
    const text = withProvenance(
      'provenance:\n  - { atlas: AML.CS0023, note: Unauthenticated Ray Jobs API. }\n  - { title: Ray security advisory, url: "https://example.org/ray" }',
    );
    const { summary } = compileScenario(text, 'mini.yaml');
    expect(summary.provenance).toEqual([
      {
        label: 'ShadowRay',
        atlasId: 'AML.CS0023',
        url: 'https://atlas.mitre.org/studies/AML.CS0023',
        note: 'Unauthenticated Ray Jobs API.',
      },
      { label: 'Ray security advisory', atlasId: null, url: 'https://example.org/ray', note: null },
    ]);
    expect(provenanceLine(summary.provenance)).toBe('ShadowRay (AML.CS0023), Ray security advisory');
  });

  it('a drill without provenance still checks (the strict check asks for it)', () => {
    expect(checkDrillText('mini.yaml', mini).errors).toBe(0);
    expect(compileScenario(mini, 'mini.yaml').summary.provenance).toEqual([]);
  });

  it('rejects a case-study ID that is not in the catalog, at its line and column', () => {
    const result = checkDrillText('p.yaml', withProvenance('provenance:\n  - atlas: AML.CS0099'));
    expect(result.errors).toBe(1);
    expect(result.diagnostics[0]).toMatchObject({
      line: 10,
      column: 12,
      path: 'provenance[0].atlas',
      message: 'not an ATLAS v5.6.0 case study',
      found: '"AML.CS0099"',
      expected: 'a case-study ID from AML.CS0000 to AML.CS0056',
    });
  });

  it('rejects a malformed case-study ID and an address that is not http(s)', () => {
    const result = checkDrillText(
      'p.yaml',
      withProvenance('provenance:\n  - atlas: CS0009\n  - { title: Notes, url: "file:///etc/passwd" }'),
    );
    const lines = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message} (${d.expected})`);
    expect(lines).toEqual([
      '10:12 provenance[0].atlas: invalid value (an ATLAS case-study ID such as "AML.CS0023")',
      '11:26 provenance[1].url: invalid value (an http(s) address such as "https://example.org/report")',
    ]);
  });

  it('rejects a source cited twice', () => {
    const result = checkDrillText(
      'p.yaml',
      withProvenance(
        'provenance:\n  - atlas: AML.CS0009\n  - { title: Tay, url: "https://example.org/tay" }\n  - atlas: AML.CS0009',
      ),
    );
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message} (${d.expected})`)).toEqual([
      '12:5 provenance[2]: source cited twice (each source once (first at provenance[0]))',
    ]);
  });
});
