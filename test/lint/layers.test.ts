/**
 * The import-layer rule of the linter (scripts/lint/layers.js), run on made-up files: each layer
 * may import the layers docs/architecture.md allows and nothing else; free code imports anything.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript oxlint plugin, without type declarations
import layers from '../../scripts/lint/layers.js';

interface Reported {
  message: string;
}

/** The messages the rule reports for `file` importing each of `sources`. */
function lint(file: string, sources: string[]): string[] {
  const reports: Reported[] = [];
  const context = { filename: resolve(file), report: (r: Reported) => reports.push(r) };
  const visitors = (
    layers as { rules: { imports: { create(c: typeof context): Record<string, (n: unknown) => void> } } }
  ).rules.imports.create(context);
  for (const value of sources) {
    const source = { type: 'Literal', value };
    visitors.ImportDeclaration?.({ type: 'ImportDeclaration', source });
  }
  return reports.map((r) => r.message);
}

describe('import layers', () => {
  it('server/engine imports nothing of the project, packages are fine', () => {
    expect(lint('server/engine/machine.ts', ['./drill.ts', 'xstate', 'node:fs'])).toEqual([]);
    expect(lint('server/engine/machine.ts', ['../exercise/room.ts', '../../protocol/index.ts'])).toEqual([
      expect.stringContaining('server/engine may not import server/exercise'),
      expect.stringContaining('server/engine may not import protocol'),
    ]);
  });

  it('server/exercise imports engine and protocol, not net or report, from any depth', () => {
    expect(
      lint('server/exercise/store/sqlite.ts', ['../events.ts', '../../engine/drill.ts', '../../../protocol/index.ts']),
    ).toEqual([]);
    expect(lint('server/exercise/room.ts', ['../net/http.ts', '../report/model.ts'])).toHaveLength(2);
  });

  it('server/net may import exercise, engine, report and protocol', () => {
    expect(
      lint('server/net/http.ts', [
        '../exercise/room.ts',
        '../report/exports.ts',
        '../engine/drill.ts',
        '../../protocol/index.ts',
      ]),
    ).toEqual([]);
    expect(lint('server/net/http.ts', ['../cli.ts'])).toEqual([
      expect.stringContaining('server/net may not import server/cli.ts'),
    ]);
  });

  it('server/report imports engine, exercise and protocol, not net', () => {
    expect(
      lint('server/report/model.ts', ['../engine/drill.ts', '../exercise/events.ts', '../../protocol/index.ts']),
    ).toEqual([]);
    expect(lint('server/report/model.ts', ['../net/http.ts'])).toHaveLength(1);
  });

  it('the client imports protocol only, never server/', () => {
    expect(lint('client/src/pages/Home.tsx', ['../store.ts', '../../../protocol/messages.ts', 'react'])).toEqual([]);
    expect(lint('client/src/pages/Home.tsx', ['../../../server/engine/duration.ts'])).toEqual([
      expect.stringContaining('client may not import server/engine'),
    ]);
  });

  it('protocol imports nothing of the project', () => {
    expect(lint('protocol/messages.ts', ['./version.ts', 'zod'])).toEqual([]);
    expect(lint('protocol/messages.ts', ['../server/exercise/events.ts'])).toHaveLength(1);
  });

  it('tests, bench, scripts and the server entry points import anything', () => {
    expect(lint('test/server/sync.test.ts', ['../../server/net/http.ts', '../../client/src/store.ts'])).toEqual([]);
    expect(lint('bench/recovery.ts', ['../server/exercise/room.ts'])).toEqual([]);
    expect(lint('server/cli.ts', ['./net/start.ts', './report/cli-report.ts'])).toEqual([]);
  });
});
