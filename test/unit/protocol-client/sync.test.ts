/** P3 P5 P5a P7: what one patch or welcome does to the snapshot a client holds (protocol/client/sync.ts), table-driven. */
import { describe, expect, it } from 'vitest';
import { receivePatch, receiveWelcome, type Patch, type Received } from '../../../protocol/index.ts';
import { tinySnapshot } from './mini-server.ts';

const held = tinySnapshot(5);
const progressDelta = (logFrom: number) => ({
  simMinutes: 1,
  inject: null,
  ending: null,
  clocks: [],
  logFrom,
  log: [],
  estate: {},
});

const CASES: Array<{ name: string; held: typeof held | null; patch: Patch; kind: Received['kind'] }> = [
  {
    name: 'the next version is applied',
    held,
    patch: { version: 6, teams: [{ id: 't1', name: 'Renamed' }] },
    kind: 'applied',
  },
  { name: 'a version already held is a repeat', held, patch: { version: 5 }, kind: 'duplicate' },
  { name: 'an older version is a repeat', held, patch: { version: 2 }, kind: 'duplicate' },
  { name: 'nothing held yet: the welcome will bring it', held: null, patch: { version: 1 }, kind: 'duplicate' },
  { name: 'a skipped version is a gap (hello with the last version)', held, patch: { version: 7 }, kind: 'gap' },
  {
    name: 'a progress delta past the log held does not fit (full snapshot)',
    held,
    patch: { version: 6, teams: [{ id: 't1', progressDelta: progressDelta(3) }] },
    kind: 'misfit',
  },
  {
    name: 'a progress delta at the end of the log held fits',
    held,
    patch: { version: 6, teams: [{ id: 't1', progressDelta: progressDelta(0) }] },
    kind: 'applied',
  },
];

describe('P5 P5a P7: receiving a patch', () => {
  it.each(CASES)('P5 P7: $name', ({ held: h, patch, kind }) => {
    const received = receivePatch(h, patch);
    expect(received.kind).toBe(kind);
    if (received.kind === 'applied') expect(received.snapshot.version).toBe(patch.version);
  });
});

describe('P3 P6 P7: receiving a welcome', () => {
  const welcome = (patches: Patch[], version: number) => ({
    ok: true as const,
    protocol: 2,
    seat: 'player' as const,
    version,
    patches,
  });

  it('P6: a snapshot replaces whatever is held', () => {
    const fresh = tinySnapshot(9);
    expect(receiveWelcome(held, { ok: true, protocol: 2, seat: 'player', version: 9, snapshot: fresh })).toBe(fresh);
  });

  it('P3 P7: the missed patches bring the held snapshot to the welcome version, skipping ones already held', () => {
    expect(receiveWelcome(held, welcome([{ version: 5 }, { version: 6 }, { version: 7 }], 7))?.version).toBe(7);
  });

  it('P7: patches that skip a version, or stop short of the welcome version, give null (ask for a snapshot)', () => {
    expect(receiveWelcome(held, welcome([{ version: 7 }], 7))).toBeNull();
    expect(receiveWelcome(held, welcome([{ version: 6 }], 7))).toBeNull();
    expect(receiveWelcome(null, welcome([], 3))).toBeNull();
  });
});
