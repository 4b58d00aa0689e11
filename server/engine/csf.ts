/**
 * The NIST CSF 2.0 catalog the project ships (built by scripts/build-csf-catalog.ts): functions,
 * categories and subcategory IDs a drill may cite.
 */
import catalog from './csf-catalog.json' with { type: 'json' };

const categories: Record<string, string> = catalog.categories;
const subcategories = new Set<string>(catalog.subcategories);

/** True when `id` is a CSF 2.0 category (`RS.MI`) or subcategory (`RS.MI-01`). */
export function isCsfId(id: string): boolean {
  return subcategories.has(id) || id in categories;
}

/** Every category and subcategory ID, for suggestions. */
export function csfIds(): string[] {
  return [...Object.keys(categories), ...subcategories];
}
