/**
 * Builds server/engine/atlas-catalog.json from the ATLAS data kept in ../shared/reference:
 * technique and mitigation IDs with their current names, tactics, and the names they had before
 * the v4.9 / v5.0 renames (so drill authors and importers may use either), and the case studies
 * (name, incident date, incident or exercise) that drills cite as their provenance.
 * Run: npx tsx scripts/build-atlas-catalog.ts [path/to/ATLAS.yaml] [path/to/ai-ir-reference.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const atlasPath = process.argv[2] ?? '../shared/reference/ATLAS.yaml';
const referencePath = process.argv[3] ?? '../shared/reference/ai-ir-reference.md';

interface RawItem {
  id: string;
  name: string;
  tactics?: string[];
  'subtechnique-of'?: string;
}
interface RawCaseStudy {
  id: string;
  name: string;
  'incident-date': string | Date;
  'case-study-type': string;
}
const atlas = parse(readFileSync(atlasPath, 'utf8')) as {
  version: string;
  matrices: Array<{ tactics: RawItem[]; techniques: RawItem[]; mitigations: RawItem[] }>;
  'case-studies': RawCaseStudy[];
};
const matrix = atlas.matrices[0]!;

// The rename table in the reference: | ID | Old name | Current name |
const oldNames = new Map<string, string[]>();
const section = readFileSync(referencePath, 'utf8').split('### 1.3')[1]?.split('### 1.4')[0] ?? '';
for (const line of section.split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  const id = cells[1];
  if (id && /^AML\.(T|M|TA)\d{4}(\.\d{3})?$/.test(id) && cells[2]) oldNames.set(id, [cells[2]]);
}

const entry = (item: RawItem) => ({
  name: item.name,
  ...(oldNames.has(item.id) ? { formerly: oldNames.get(item.id) } : {}),
});
const tactics = Object.fromEntries(matrix.tactics.map((t) => [t.id, entry(t)]));
const techniques = Object.fromEntries(
  matrix.techniques.map((t) => {
    const parent = t.id.includes('.0') && t.id.split('.').length === 3 ? t.id.slice(0, 9) : undefined;
    const tacticsOf = t.tactics ?? matrix.techniques.find((p) => p.id === parent)?.tactics ?? [];
    return [t.id, { ...entry(t), tactics: tacticsOf, ...(parent ? { parent } : {}) }];
  }),
);
const mitigations = Object.fromEntries(matrix.mitigations.map((m) => [m.id, entry(m)]));
// The YAML parser may read an unquoted date as a string or a Date; keep YYYY-MM-DD either way.
const day = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const caseStudies = Object.fromEntries(
  atlas['case-studies'].map((c) => [c.id, { name: c.name, date: day(c['incident-date']), type: c['case-study-type'] }]),
);

const catalog = { source: 'MITRE ATLAS', version: atlas.version, tactics, techniques, mitigations, caseStudies };
writeFileSync('server/engine/atlas-catalog.json', `${JSON.stringify(catalog, null, 1)}\n`);
console.log(
  `ATLAS ${atlas.version}: ${Object.keys(tactics).length} tactics, ${Object.keys(techniques).length} techniques, ` +
    `${Object.keys(mitigations).length} mitigations, ${Object.keys(caseStudies).length} case studies, ${oldNames.size} former names`,
);
