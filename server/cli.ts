/**
 * The breachdrill command: check, run (optionally with a gap report), graph, new (a starting
 * drill), schema, report (a stored exercise's gap report), the exercise documents (sitman, msel,
 * eeg, feedback-form) and serve.
 * Exit codes: 0 fine, 1 a drill has errors or a run failed, 2 the command line was wrong.
 */
import { parseArgs } from 'node:util';
import { checkFiles, quietOnClosedPipe } from './cli/check-command.ts';
import { loadDrill } from './engine/check.ts';
import { formatMinutes } from './engine/duration.ts';
import { toMermaid } from './engine/mermaid.ts';
import { outcomeOf, type Outcome } from './engine/outcome.ts';
import { parseStrategy, play } from './engine/playthrough.ts';
import { drillJsonSchemaText, SCHEMA_PATH } from './engine/json-schema.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { reportJsonSchemaText, REPORT_SCHEMA_PATH } from './report/json-schema.ts';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from './report/exports.ts';
import { reportDetailsSchema, type ReportDetailsInput } from '../protocol/reports.ts';
import { pathToFileURL } from 'node:url';

const USAGE = `usage: breachdrill <command> [options]

  check [--strict] FILE...               validate drills: schema, references, every path;
                                         --strict adds the quality rules (docs/authoring.md)
  run FILE --choices STRATEGY [--json]   play a headless solo run; STRATEGY is best, worst,
                                         random[:SEED] or option ids "a,b,-,c" (- = no decision)
      [--report md|json|html|csv|plan-csv]      print the run's gap report instead (dated now, or
      [--team NAME] [--out FILE]         SOURCE_DATE_EPOCH); --out writes it to a file
      [--sponsor NAME] [--organisation NAME]... [--contact TEXT]
                                         the report overview's sponsor, participating
                                         organisations (repeat the flag) and point of contact
      [--fork N:OPTION [--then P]]       what if: take OPTION at the run's Nth decision, then
                                         P = same (default), best or worst; prints both timelines
  report --exercise ID --format md|json|html|csv|plan-csv [--data DIR] [--out FILE]
                                         the gap report of a stored exercise (DIR holds
                                         breachdrill.sqlite; default $DATA_DIR or ./data)
  graph FILE                             print the flow as a Mermaid flowchart
  sitman FILE [--out FILE]               the Situation Manual for players (HTML, no spoilers)
  msel FILE [--format html|csv] [--out FILE]
                                         the Master Scenario Events List (controllers only)
  eeg FILE [--out FILE]                  the Exercise Evaluation Guide (evaluators only)
  feedback-form FILE [--out FILE]        the Participant Feedback Form (the hot-wash questions)
  new NAME [--quick]                     write a starting drill into ./scenarios (or here);
                                         --quick: five decisions for a 20-minute session
  schema [--write | --check]             print the drill schema, or write or verify
                                         docs/drill.schema.json and docs/report.schema.json
  serve                                  start the game server (PORT, HOST, DATA_DIR)
  backup --out FILE [--data DIR]         copy the database while the server runs (a new file)
`;

class UsageError extends Error {}

function checkCommand(files: string[], strict: boolean): number {
  if (files.length === 0) throw new UsageError('check: name at least one drill file');
  return checkFiles(files, (line) => console.log(line), { strict }) ? 1 : 0;
}

function printOutcome(outcome: Outcome): void {
  const line = (label: string, value: string) => console.log(`${label.padEnd(22)}${value}`);
  console.log(`${outcome.scenario.title} (v${outcome.scenario.version})`);
  line('Ending', outcome.ending ? `${outcome.ending.title} [${outcome.ending.kind}]` : 'not reached');
  line('Sim time', formatMinutes(outcome.simMinutes));
  line('Score', `${outcome.total.score} of ${outcome.total.max} achievable`);
  console.log('\nCapability                  score   best  HSEEP  expectations met/missed');
  for (const c of outcome.capabilities) {
    console.log(
      `${c.label.padEnd(28)}${String(c.score).padStart(5)}${String(c.max).padStart(7)}  ${(c.rating ?? '-').padEnd(5)}  ${c.met}/${c.missed}`,
    );
  }
  console.log('\nExpectations');
  for (const e of outcome.expectations) {
    console.log(`  ${e.met ? '✓' : '✗'} ${e.text}${e.at !== null ? ` (${formatMinutes(e.at)})` : ''}`);
  }
  if (outcome.clocks.length) console.log('\nClocks');
  for (const c of outcome.clocks) {
    const elapsed =
      c.elapsedMinutes === null ? '' : `, ${formatMinutes(c.elapsedMinutes)} of ${formatMinutes(c.limitMinutes)}`;
    console.log(`  ${c.label}: ${c.status}${elapsed}`);
  }
  if (outcome.impact.length) console.log('\nBusiness impact');
  for (const m of outcome.impact) console.log(`  ${m.label}: ${m.total.toLocaleString('en-US')} ${m.unit}`);
  console.log('\nDecisions');
  for (const d of outcome.decisions) {
    const taken = d.option ?? `(${d.kind})`;
    const hint = d.best && d.option !== d.best && d.kind !== 'continued' ? `   best: ${d.best}` : '';
    console.log(`  ${formatMinutes(d.at).padStart(6)}  ${d.inject}: ${taken}${hint}`);
  }
}

/** The --format / --report value, checked. */
function reportFormat(option: string, value: string | undefined): ReportFormat {
  if (value === undefined || !isReportFormat(value))
    throw new UsageError(`${option}: expected one of ${REPORT_FORMATS.join(', ')}, found "${value ?? ''}"`);
  return value;
}

interface RunOptions {
  json: boolean;
  report?: string | undefined;
  team?: string | undefined;
  out?: string | undefined;
  fork?: string | undefined;
  policy?: string | undefined;
  sponsor?: string | undefined;
  organisations?: string[] | undefined;
  contact?: string | undefined;
}

const DETAIL_FLAGS: Record<string, string> = {
  sponsor: '--sponsor',
  organisations: '--organisation',
  pointOfContact: '--contact',
};

/** The report overview's details from their flags, checked as the web form checks them. */
function reportDetails(options: RunOptions): ReportDetailsInput | undefined {
  const given = {
    ...(options.sponsor !== undefined ? { sponsor: options.sponsor } : {}),
    ...(options.organisations?.length ? { organisations: options.organisations } : {}),
    ...(options.contact !== undefined ? { pointOfContact: options.contact } : {}),
  };
  if (Object.keys(given).length === 0) return undefined;
  const parsed = reportDetailsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = DETAIL_FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
  const maximum = issue.code === 'too_big' ? Number(issue.maximum) : null;
  if (maximum !== null && issue.path.length === 1 && flag === '--organisation')
    throw new UsageError(
      `run: at most ${maximum} organisations (--organisation given ${given.organisations?.length} times)`,
    );
  if (maximum !== null) throw new UsageError(`run: ${flag} takes at most ${maximum} characters`);
  throw new UsageError(`run: ${flag}: ${issue.message}`);
}

async function runCommand(file: string | undefined, choices: string | undefined, options: RunOptions): Promise<number> {
  if (!file) throw new UsageError('run: name a drill file');
  if (!choices) throw new UsageError('run: --choices is required (best, worst, random[:SEED] or ids)');
  const format = options.report === undefined ? undefined : reportFormat('--report', options.report);
  const { drill, stats } = loadDrill(file);
  const playthrough = play(drill, stats, parseStrategy(choices));
  if (options.fork !== undefined) {
    if (format) throw new UsageError('run: --fork compares two timelines; it does not combine with --report');
    return (await import('./cli-fork.ts')).forkCommand(
      drill,
      stats,
      playthrough.events,
      options.fork,
      options.policy,
      options.json,
    );
  }
  if (options.policy !== undefined) throw new UsageError('run: --then goes with --fork');
  const details = reportDetails(options);
  if (details && !format) throw new UsageError('run: --sponsor, --organisation and --contact go with --report');
  if (format) {
    const { runReport } = await import('./report/cli-report.ts');
    return runReport(drill, stats, playthrough, { format, team: options.team, out: options.out, details });
  }
  const { state, events } = playthrough;
  const outcome = outcomeOf(drill, stats, state);
  if (options.json) console.log(JSON.stringify({ ...outcome, estate: state.estate, events }, null, 2));
  else printOutcome(outcome);
  return 0;
}

async function reportCommand(
  exercise: string | undefined,
  format: string | undefined,
  data: string | undefined,
  out: string | undefined,
): Promise<number> {
  if (!exercise) throw new UsageError('report: --exercise ID is required (the id in the exercise URL, #/x/ID)');
  const checked = reportFormat('--format', format);
  const { storedReport } = await import('./report/cli-report.ts');
  return storedReport({
    exercise,
    format: checked,
    dataDir: data ?? process.env.DATA_DIR ?? './data',
    out,
    databaseUrl: process.env.DATABASE_URL || undefined,
    databaseSchema: process.env.DATABASE_SCHEMA || undefined,
  });
}

function schemaCommand(write: boolean, verify: boolean): number {
  const documents = [
    { path: SCHEMA_PATH, text: drillJsonSchemaText() },
    { path: REPORT_SCHEMA_PATH, text: reportJsonSchemaText() },
  ];
  if (!write && !verify) {
    process.stdout.write(documents[0]!.text);
    return 0;
  }
  let stale = 0;
  for (const { path, text } of documents) {
    if (write) {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing: out of date */
    }
    if (current !== text) {
      console.error(`${path} is out of date: run npm run schema`);
      stale++;
    } else console.log(`${path} is up to date`);
  }
  return stale ? 1 : 0;
}

/**
 * `--choices -,a,b` (a leading "-" lets the first decision lapse) as `--choices=-,a,b`: parseArgs
 * refuses a separate value that starts with a dash, though nothing else here takes one.
 */
function attachDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--choices' && next !== undefined && next.startsWith('-') && !next.startsWith('--')) {
      out.push(`--choices=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: attachDashValues(argv),
    allowPositionals: true,
    options: {
      choices: { type: 'string' },
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      report: { type: 'string' },
      fork: { type: 'string' },
      // oxlint-disable-next-line unicorn/no-thenable -- a parseArgs option named after the --then flag, never awaited
      then: { type: 'string' },
      team: { type: 'string' },
      sponsor: { type: 'string' },
      organisation: { type: 'string', multiple: true },
      contact: { type: 'string' },
      out: { type: 'string' },
      exercise: { type: 'string' },
      format: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'check':
      return checkCommand(rest, values.strict);
    case 'run':
      return runCommand(rest[0], values.choices, {
        json: values.json,
        report: values.report,
        team: values.team,
        out: values.out,
        fork: values.fork,
        policy: values.then,
        sponsor: values.sponsor,
        organisations: values.organisation,
        contact: values.contact,
      });
    case 'report':
      return reportCommand(values.exercise, values.format, values.data, values.out);
    case 'graph': {
      if (!rest[0]) throw new UsageError('graph: name a drill file');
      process.stdout.write(toMermaid(loadDrill(rest[0]).drill));
      return 0;
    }
    case 'schema':
      return schemaCommand(values.write, values.check);
    case 'sitman':
    case 'msel':
    case 'eeg':
    case 'feedback-form':
      return (await import('./cli/documents-command.ts')).documentCommand(
        command,
        rest[0],
        { format: values.format, out: values.out },
        (message) => new UsageError(message),
      );
    case 'backup':
      return (await import('./exercise/store/sqlite-backup.ts')).backupCommand(values.out, values.data);
    case 'new':
      if (!rest[0])
        throw new UsageError('new: name the drill, for example: breachdrill new "Deepfake CFO call" --quick');
      return (await import('./cli-new.ts')).newCommand(rest[0], values.quick);
    case 'serve': {
      const { serveFromEnv } = await import('./serve.ts');
      await serveFromEnv();
      return -1; // keeps running
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Runs the command line and turns failures into messages and exit codes. */
export async function runCli(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  try {
    return await main(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`breachdrill: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`breachdrill: ${(error as Error).message}`);
    return 1;
  }
}

// Also runnable directly: `npx tsx server/cli.ts check ...` (the package bin is bin/breachdrill.js).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
