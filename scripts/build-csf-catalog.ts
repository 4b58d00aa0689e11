/**
 * Builds server/engine/csf-catalog.json: the NIST CSF 2.0 (CSWP 29, 26 Feb 2024) functions,
 * categories and subcategory IDs, so drills can only cite IDs that exist in CSF 2.0 (not 1.1 IDs
 * such as RS.AN-01 or made-up ones).
 *
 * CSF 2.0 numbers subcategories with gaps where 1.1 items were withdrawn or moved; the table below
 * lists the numbers that exist in the 2.0 core. Every CSF ID cited in ai-ir-reference.md must be in
 * the result (checked here, so the two sources cannot drift apart).
 * Run: npx tsx scripts/build-csf-catalog.ts [path/to/ai-ir-reference.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';

const referencePath = process.argv[2] ?? '../shared/reference/ai-ir-reference.md';

/** Category → [name, subcategory numbers in CSF 2.0]. */
const CORE: Record<string, [string, number[]]> = {
  'GV.OC': ['Organizational Context', [1, 2, 3, 4, 5]],
  'GV.RM': ['Risk Management Strategy', [1, 2, 3, 4, 5, 6, 7]],
  'GV.RR': ['Roles, Responsibilities, and Authorities', [1, 2, 3, 4]],
  'GV.PO': ['Policy', [1, 2]],
  'GV.OV': ['Oversight', [1, 2, 3]],
  'GV.SC': ['Cybersecurity Supply Chain Risk Management', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  'ID.AM': ['Asset Management', [1, 2, 3, 4, 5, 7, 8]],
  'ID.RA': ['Risk Assessment', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  'ID.IM': ['Improvement', [1, 2, 3, 4]],
  'PR.AA': ['Identity Management, Authentication, and Access Control', [1, 2, 3, 4, 5, 6]],
  'PR.AT': ['Awareness and Training', [1, 2]],
  'PR.DS': ['Data Security', [1, 2, 10, 11]],
  'PR.PS': ['Platform Security', [1, 2, 3, 4, 5, 6]],
  'PR.IR': ['Technology Infrastructure Resilience', [1, 2, 3, 4]],
  'DE.CM': ['Continuous Monitoring', [1, 2, 3, 6, 9]],
  'DE.AE': ['Adverse Event Analysis', [2, 3, 4, 6, 7, 8]],
  'RS.MA': ['Incident Management', [1, 2, 3, 4, 5]],
  'RS.AN': ['Incident Analysis', [3, 6, 7, 8]],
  'RS.CO': ['Incident Response Reporting and Communication', [2, 3]],
  'RS.MI': ['Incident Mitigation', [1, 2]],
  'RC.RP': ['Incident Recovery Plan Execution', [1, 2, 3, 4, 5, 6]],
  'RC.CO': ['Incident Recovery Communication', [3, 4]],
};
const FUNCTIONS = { GV: 'Govern', ID: 'Identify', PR: 'Protect', DE: 'Detect', RS: 'Respond', RC: 'Recover' };

const categories = Object.fromEntries(Object.entries(CORE).map(([id, [name]]) => [id, name]));
const subcategories = Object.entries(CORE).flatMap(([id, [, numbers]]) =>
  numbers.map((n) => `${id}-${String(n).padStart(2, '0')}`),
);

// Every subcategory the reference cites ("RS.AN-03", and shorthand such as "RC.RP-03/05/06").
const reference = readFileSync(referencePath, 'utf8');
const cited = new Set<string>();
for (const match of reference.matchAll(/\b((?:GV|ID|PR|DE|RS|RC)\.[A-Z]{2})-(\d{2}(?:\/\d{2})*)/g)) {
  for (const n of match[2]!.split('/')) cited.add(`${match[1]}-${n}`);
}
// The reference also names IDs that CSF 2.0 dropped, to warn against them; those are marked "no".
const withdrawn = new Set([
  'RS.AN-01',
  'RS.AN-02',
  'RS.AN-04',
  'RS.AN-05',
  'RS.CO-01',
  'RS.CO-04',
  'RS.CO-05',
  'RC.CO-01',
  'RC.CO-02',
]);
const missing = [...cited].filter((id) => !subcategories.includes(id) && !withdrawn.has(id));
if (missing.length) throw new Error(`the reference cites CSF IDs missing from the catalog: ${missing.join(', ')}`);

const catalog = { source: 'NIST CSF 2.0 (CSWP 29)', version: '2.0', functions: FUNCTIONS, categories, subcategories };
writeFileSync('server/engine/csf-catalog.json', `${JSON.stringify(catalog, null, 1)}\n`);
console.log(
  `CSF 2.0: ${Object.keys(categories).length} categories, ${subcategories.length} subcategories; ${cited.size} cited in the reference, all present`,
);
