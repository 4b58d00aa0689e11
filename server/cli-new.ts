/**
 * `breachdrill new NAME [--quick]`: writes a starting drill that passes `check` (the quick one
 * passes `check --strict` too) into ./scenarios when that folder exists, else into the current
 * folder, and says what to edit first. The drills come from server/templates/.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDrillText } from './engine/check.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const TEMPLATES = join(HERE, 'templates');
const SCHEMA = resolve(HERE, '..', 'docs', 'drill.schema.json');

/** A drill id from what the author typed: "Deepfake CFO call" → "deepfake-cfo-call". */
export function drillIdOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The title: the name as typed when it has capitals or spaces, else the id in words. */
function titleOf(name: string, id: string): string {
  const typed = name.trim();
  if (/[A-Z\s]/.test(typed)) return typed;
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** YAML for a plain scalar that might need quoting (a title with a colon, say). */
function yamlScalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.'()&/-]*$/u.test(text) ? text : JSON.stringify(text);
}

export interface NewDrill {
  file: string;
  text: string;
}

/** The drill text for `name`, with the schema line pointing from `dir` at docs/drill.schema.json. */
export function renderStarterDrill(name: string, quick: boolean, dir: string): NewDrill {
  const id = drillIdOf(name);
  if (!id) throw new Error(`new: "${name}" has no letters or digits to make a drill id from`);
  const schema = relative(resolve(dir), SCHEMA).split('\\').join('/');
  const text = readFileSync(join(TEMPLATES, quick ? 'quick.yaml' : 'full.yaml'), 'utf8')
    .replace('__SCHEMA__', schema)
    .replace('__ID__', id)
    .replace('__TITLE__', yamlScalar(titleOf(name, id)));
  return { file: join(dir, `${id}.yaml`), text };
}

const NEXT_STEPS = (file: string, quick: boolean) => `
Edit first, in this order (docs/authoring.md walks through each):
  1. title, summary and objectives: the incident your team should practise
  2. provenance: the ATLAS case studies and public incidents it draws on
  3. estate and flags: the models, endpoints and pipelines of the story, and what can become true
  4. the injects: what players read and the options they choose, with feedback for every option
  5. expectations: the critical tasks the gap report measures, each with an owner and a corrective action

Then:
  npx breachdrill check ${quick ? '--strict ' : ''}${file}
  npx breachdrill run ${file} --choices best
  npx breachdrill graph ${file}
  npm start   (the drill appears in the scenario picker when it is in scenarios/)
`;

/** Runs the command; returns the exit code. */
export function newCommand(name: string | undefined, quick: boolean, cwd = process.cwd()): number {
  if (!name) throw new Error('new: name the drill, for example: breachdrill new "Deepfake CFO call" --quick');
  const scenarios = join(cwd, 'scenarios');
  const dir = existsSync(scenarios) && statSync(scenarios).isDirectory() ? scenarios : cwd;
  const drill = renderStarterDrill(name, quick, dir);
  const shown = relative(cwd, drill.file) || drill.file;
  if (existsSync(drill.file)) {
    console.error(`breachdrill: ${shown} already exists; choose another name or move that file first`);
    return 1;
  }
  // The template is checked as written, so a broken template can never reach an author.
  const result = checkDrillText(shown, drill.text, { strict: quick });
  if (result.errors)
    throw new Error(
      `new: the ${quick ? 'quick' : 'full'} template no longer passes the check (${result.errors} errors); please report this`,
    );
  writeFileSync(drill.file, drill.text, { flag: 'wx' });
  const decisions = result.drill!.order.filter((id) => result.drill!.injects[id]!.inject.decision).length;
  const minutes = result.drill!.scenario.minutes;
  console.log(
    `wrote ${shown}: a ${quick ? 'quick' : 'full'} drill of ${minutes} minutes with ${decisions} decisions; ` +
      (quick
        ? 'it passes check --strict as it stands.'
        : 'it passes check; check --strict lists what a full-length drill still needs.'),
  );
  console.log(NEXT_STEPS(shown, quick));
  return 0;
}
