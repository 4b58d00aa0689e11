/**
 * Provenance: the public incidents and ATLAS case studies a drill draws on. ATLAS case studies
 * are cited by ID and checked against the shipped catalog (their names come from it); other
 * sources by title and address. The scenario picker and the gap report show the list.
 */
import { z } from 'zod';
import { atlasCaseStudy, atlasCaseStudyIds, atlasCaseStudyUrl, ATLAS_VERSION } from './atlas.ts';
import type { Diagnostic } from './diagnostics.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

const note = z.string().min(1).optional();

/** `provenance:` in a drill: a list of `{ atlas: AML.CSxxxx }` and `{ title, url }` entries. */
export const provenanceSchema = z
  .array(
    z.union([
      z.strictObject({
        atlas: z.string().regex(/^AML\.CS\d{4}$/, 'an ATLAS case-study ID such as "AML.CS0023"'),
        note,
      }),
      z.strictObject({
        title: z.string().min(1),
        url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) address such as "https://example.org/report"'),
        note,
      }),
    ]),
  )
  .default([]);
export type ProvenanceItem = z.infer<typeof provenanceSchema>[number];

/** A source as people read it: the case study's ATLAS name (or the title), its ID and address. */
export interface ProvenanceEntry {
  label: string;
  atlasId: string | null;
  url: string;
  note: string | null;
}

/** The drill's sources, in the order written; an unknown case-study ID keeps its ID as the label. */
export function provenanceEntries(items: readonly ProvenanceItem[]): ProvenanceEntry[] {
  return items.map((item) =>
    'atlas' in item
      ? {
          label: atlasCaseStudy(item.atlas)?.name ?? item.atlas,
          atlasId: item.atlas,
          url: atlasCaseStudyUrl(item.atlas),
          note: item.note ?? null,
        }
      : { label: item.title, atlasId: null, url: item.url, note: item.note ?? null },
  );
}

/** "ShadowRay (AML.CS0023), Ray security advisory": the one-line form the picker prints. */
export function provenanceLine(entries: readonly ProvenanceEntry[]): string {
  return entries.map((e) => (e.atlasId ? `${e.label} (${e.atlasId})` : e.label)).join(', ');
}

/** Case-study IDs missing from the catalog and sources cited twice. */
export function checkProvenance(source: YamlSource, items: readonly ProvenanceItem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const ids = atlasCaseStudyIds();
  items.forEach((item, i) => {
    const key = 'atlas' in item ? item.atlas : item.url;
    const first = seen.get(key);
    if (first !== undefined) {
      out.push(
        diagnosticAt(source, ['provenance', i], 'source cited twice', {
          found: `"${key}"`,
          expected: `each source once (first at provenance[${first}])`,
        }),
      );
    } else seen.set(key, i);
    if ('atlas' in item && !atlasCaseStudy(item.atlas)) {
      out.push(
        diagnosticAt(source, ['provenance', i, 'atlas'], `not an ATLAS v${ATLAS_VERSION} case study`, {
          found: `"${item.atlas}"`,
          expected: `a case-study ID from ${ids[0]} to ${ids[ids.length - 1]}`,
        }),
      );
    }
  });
  return out;
}
