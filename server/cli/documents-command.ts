/**
 * `breachdrill sitman|msel|eeg|feedback-form FILE [--format html|csv] [--out FILE]`: the HSEEP
 * exercise documents of a drill (docs/report-format.md, "Exercise documents"), to stdout or a
 * file. Only the MSEL has a CSV form.
 */
import { writeFileSync } from 'node:fs';
import { loadDrill } from '../engine/check.ts';
import { DOCUMENTS, findDocument } from '../report/documents/index.ts';

/** Writes one document; throws `usage(message)` for a wrong command line. */
export function documentCommand(
  name: string,
  file: string | undefined,
  options: { format?: string | undefined; out?: string | undefined },
  usage: (message: string) => Error,
): number {
  if (!file) throw usage(`${name}: name a drill file`);
  const formats = DOCUMENTS.filter((d) => d.name === name).map((d) => d.ext);
  const format = options.format ?? 'html';
  const doc = findDocument(name, format);
  if (!doc) throw usage(`${name} --format: expected ${formats.join(' or ')}, found "${format}"`);
  const { drill, stats } = loadDrill(file);
  const text = doc.render(drill, stats);
  if (options.out) {
    writeFileSync(options.out, text);
    console.error(`wrote ${options.out} (${doc.title}${doc.spoils ? ', for controllers and evaluators only' : ''})`);
  } else process.stdout.write(text);
  return 0;
}
