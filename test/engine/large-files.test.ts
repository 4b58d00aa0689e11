/**
 * The checker at any size (issue 12, items 10-14): YAML loading stays linear on huge mappings,
 * oversized, binary and tabbed files get one clear line, at most 200 diagnostics are printed with
 * a count of the rest, piping into `head` never prints a stack trace, path counts are readable,
 * and the path search merges states on what can still be read (with a limit that says why).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDrillText } from '../../bench/generated-drill.ts';
import { readableCount } from '../../server/cli/check-command.ts';
import { checkDrillText } from '../../server/engine/check.ts';
import { explore } from '../../server/engine/explore.ts';
import { parseYamlSource } from '../../server/engine/yaml-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'breachdrill-large-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const bin = (...args: string[]) => spawnSync(process.execPath, ['bin/breachdrill.js', ...args], { encoding: 'utf8' });
/** These spawn real processes and parse megabytes: generous limits for a busy machine. */
const SLOW = 180_000;
const keys = (n: number) =>
  `id: big\nflags:\n${Array.from({ length: n }, (_, i) => `  flag-${i}: flag ${i}\n`).join('')}`;

describe('huge and hostile files', () => {
  it(
    'a 32,000-key mapping loads in about the time of 4 × 8,000 keys (linear), duplicates still found',
    () => {
      const time = (text: string) => {
        const start = process.cpuUsage();
        const source = parseYamlSource('big.yaml', text);
        const used = process.cpuUsage(start);
        return { ms: (used.user + used.system) / 1000, source };
      };
      time(keys(2000)); // warm-up
      const small = time(keys(8000));
      const large = time(keys(32000));
      // Quadratic growth (the yaml package's own check) is 16 ×; linear is 4 ×. Allow noise.
      expect(large.ms / small.ms).toBeLessThan(9);
      const dup = parseYamlSource('dup.yaml', `${keys(32000)}  flag-17: again\n`);
      expect(dup.syntaxErrors.map((d) => [d.line, d.column, d.message])).toEqual([
        [32003, 3, 'YAML syntax: Map keys must be unique'],
      ]);
    },
    SLOW,
  );

  it(
    'a file over 2 MB, a binary file and a directory each get one line',
    () => {
      const big = file('big.yaml', keys(100000));
      const binary = file('binary.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe]));
      const out = bin('check', big, binary, dir);
      expect(out.status).toBe(1);
      expect(out.stdout).toContain(
        `${big}:0:0  error  (file): file too large (found 2.4 MB; expected a drill of at most 2 MB)`,
      );
      expect(out.stdout).toContain(`${binary}:0:0  error  (file): not a YAML text file`);
      expect(out.stdout).toContain(`${dir}:0:0  error  (file): a directory, not a file`);
      expect(out.stdout.split('\n').filter((l) => l.includes(binary))).toHaveLength(2); // the line and the ✗ summary
      expect(out.stderr).toBe('');
    },
    SLOW,
  );

  it(
    'a tab used for indentation gives one message',
    () => {
      const result = checkDrillText('tab.yaml', 'id: x\nflags:\n\tcontained: yes\n  other: no\n');
      expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
        '3:1 YAML syntax: Tabs are not allowed as indentation',
      ]);
    },
    SLOW,
  );

  it(
    'prints at most 200 diagnostics per file and counts the rest; piped into head, no stack trace',
    () => {
      const many = file(
        'many.yaml',
        `id: x\nversion: 1\nflags:\n${Array.from({ length: 600 }, (_, i) => `  Bad${i}: x\n`).join('')}`,
      );
      const out = bin('check', many);
      const lines = out.stdout.trim().split('\n');
      expect(lines.filter((l) => l.includes('  error  '))).toHaveLength(200);
      expect(out.stdout).toMatch(/… and \d{3} more diagnostics in .*many\.yaml \(the first 200 are shown\)/);
      expect(lines.at(-1)).toMatch(/✗ .*many\.yaml: \d{3} errors/);
      const piped = execFileSync(
        'bash',
        ['-c', `node bin/breachdrill.js check ${many} | head -n 2; echo "status \${PIPESTATUS[0]}" >&2`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(piped.split('\n').filter(Boolean)).toHaveLength(2);
      const stderr = spawnSync('bash', ['-c', `node bin/breachdrill.js check ${many} | head -n 1 >/dev/null`], {
        encoding: 'utf8',
      }).stderr;
      expect(stderr).not.toContain('EPIPE');
      expect(stderr).toBe('');
    },
    SLOW,
  );
});

describe('path counts and the path search at size', () => {
  it(
    'prints large path counts readably',
    () => {
      expect(readableCount(12)).toBe('12');
      expect(readableCount(999_999)).toBe('999,999');
      expect(readableCount(1_234_567_890_123)).toBe('1.2 × 10^12');
      expect(readableCount(6.2e139)).toBe('6.2 × 10^139');
      expect(readableCount(9.96e15)).toBe('1 × 10^16');
    },
    SLOW,
  );

  it(
    'merges on the flags that can still be read: 80 decisions × 4 with 8 branch flags stays small',
    () => {
      const { drill, stats } = checkDrillText(
        'gen.yaml',
        generateDrillText({ decisions: 80, options: 4, flags: 8, window: 3 }),
      );
      // Keyed on every flag any condition reads, this drill has thousands of states (2^8 per inject late on).
      expect(stats!.nodes).toBeLessThan(400);
      expect(stats!.paths).toBeGreaterThan(1e40);
      // The same flags read only at the end must all be kept apart: the state space really is 2^8 there.
      const end = checkDrillText('gen.yaml', generateDrillText({ decisions: 80, options: 4, flags: 8, window: 'end' }));
      expect(end.stats!.nodes).toBeGreaterThan(256);
      expect(drill).toBeDefined();
    },
    SLOW,
  );

  it(
    'a state space past the limit is reported with the facts that split it',
    () => {
      const { drill } = checkDrillText(
        'gen.yaml',
        generateDrillText({ decisions: 40, options: 4, flags: 10, window: 'end' }),
      );
      const stats = explore(drill!, { maxNodes: 300 });
      expect(stats.problems).toHaveLength(1);
      expect(stats.problems[0]!.message).toMatch(
        /^more than 300 distinct states to verify: states differ most in flag branch-\d, /,
      );
      expect(stats.problems[0]!.expected).toContain('fewer facts that later conditions');
    },
    SLOW,
  );
});
