/**
 * The MITRE ATLAS catalog the project ships (built by scripts/build-atlas-catalog.ts from ATLAS
 * data v5.6.0). Lookups accept an ID, the current name or a name used before the v4.9/v5.0 renames.
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
