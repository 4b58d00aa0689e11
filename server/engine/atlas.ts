/**
 * The MITRE ATLAS catalog the project ships (built by scripts/build-atlas-catalog.ts from ATLAS
 * data v5.6.0). Lookups accept an ID, the current name or a name used before the v4.9/v5.0 renames;
 * case studies are looked up by ID.
 */
import catalog from './atlas-catalog.json' with { type: 'json' };

export interface AtlasEntry {
  id: string;
  name: string;
  formerly?: string[];
  tactics?: string[];
}

type Table = Record<string, { name: string; formerly?: string[]; tactics?: string[] }>;

/** The ATLAS data version the catalog was built from, printed in reports. */
export const ATLAS_VERSION: string = catalog.version;

function lookup(table: Table, key: string): AtlasEntry | undefined {
  const direct = table[key];
  if (direct) return { id: key, ...direct };
  const wanted = key.trim().toLowerCase();
  for (const [id, item] of Object.entries(table)) {
    if (item.name.toLowerCase() === wanted || item.formerly?.some((n) => n.toLowerCase() === wanted)) {
      return { id, ...item };
    }
  }
  return undefined;
}

/** A technique or sub-technique by ID or by current or former name. */
export function atlasTechnique(key: string): AtlasEntry | undefined {
  return lookup(catalog.techniques as Table, key);
}

/** A mitigation by ID or by current or former name. */
export function atlasMitigation(key: string): AtlasEntry | undefined {
  return lookup(catalog.mitigations as Table, key);
}

export interface AtlasCaseStudy {
  id: string;
  name: string;
  /** YYYY-MM-DD as ATLAS records it (some are only meaningful to the year or month). */
  date: string;
  type: string;
}

/** A case study by ID (AML.CS0000 to AML.CS0056 in v5.6.0). */
export function atlasCaseStudy(id: string): AtlasCaseStudy | undefined {
  const entry = (catalog.caseStudies as Record<string, Omit<AtlasCaseStudy, 'id'>>)[id];
  return entry ? { id, ...entry } : undefined;
}

/** Every case-study ID in the catalog, in order. */
export function atlasCaseStudyIds(): string[] {
  return Object.keys(catalog.caseStudies);
}

/** The ATLAS website's page for a case study. */
export function atlasCaseStudyUrl(id: string): string {
  return `https://atlas.mitre.org/studies/${id}`;
}
