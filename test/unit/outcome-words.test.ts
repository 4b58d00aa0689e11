/**
 * What a person reads when the server refuses a command or closes the connection: plain
 * sentences, never a protocol code or a server message meant for developers (A8).
 */
import { describe, expect, it } from 'vitest';
import { JOIN_WORDS, SETUP_WORDS } from '../../client/src/api.ts';
import { describeClosed, describeNotice, describeOutcome } from '../../client/src/outcome-words.ts';
import { ERROR_CODES, type Command } from '../../protocol/index.ts';
import type { CommandResult, LocalCode } from '../../protocol/client/index.ts';

const COMMANDS: Command[] = [
  { type: 'start' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'advance', teamId: 't1' },
  { type: 'skip', teamId: 't1' },
  { type: 'extend', teamId: 't1', seconds: 60 },
  { type: 'inject', teamId: 'all', title: 'x', body: 'y' },
  { type: 'move', playerId: 'p', teamId: 't1', role: 'r' },
  { type: 'remove', playerId: 'p' },
  { type: 'add-team', name: 'x' },
  { type: 'set-mode', mode: 'vote' },
  { type: 'record', teamId: 't1', option: 'o' },
  { type: 'end' },
  { type: 'vote', option: 'o' },
  { type: 'commit', option: 'o' },
  { type: 'continue' },
  { type: 'hotwash', worked: '', didNot: '', confidence: {} },
];
const LOCAL: LocalCode[] = ['NO_ANSWER', 'CLOSED', 'OUTBOX_FULL'];
/** Codes, quoted server words and protocol terms that must never reach a person. */
const JARGON = /\b[A-Z]{2,}_?[A-Z]*\b|hello|token|"[a-z-]+"|\binject "/;

describe('A8: refusals in plain words', () => {
  it('A8 A6: a vote that arrives after the team moved on asks the player to vote again', () => {
    const stale: CommandResult = {
      ok: false,
      code: 'STALE',
      message: 'the team has moved on from inject "i1" to "i2"',
    };
    expect(describeOutcome({ type: 'vote', option: 'o', inject: 'i1' }, stale)).toBe(
      'The team moved on before your vote arrived; vote again.',
    );
  });

  it('A8: an accepted command needs no words', () => {
    expect(describeOutcome({ type: 'vote', option: 'o' }, { ok: true, version: 3 })).toBeNull();
  });

  it.each(COMMANDS.map((c) => [c.type, c] as const))(
    'A8: every refusal of "%s" is a plain sentence without codes or server messages',
    (_type, command) => {
      for (const code of [...ERROR_CODES, ...LOCAL]) {
        const text = describeOutcome(command, {
          ok: false,
          code,
          message: 'send "hello" with a valid token before commands',
        } as CommandResult)!;
        expect(text, `${command.type} ${code}`).toMatch(/^[A-Z].*\.$/);
        expect(text, `${command.type} ${code}`).not.toMatch(JARGON);
      }
    },
  );

  it('A8 P2 P8: a closed connection is explained without codes', () => {
    const texts = [
      ...ERROR_CODES.map((code) =>
        describeClosed({
          kind: 'refused',
          welcome: { ok: false, code, message: 'this token does not grant access to that exercise' },
        }),
      ),
      ...ERROR_CODES.map((code) => describeClosed({ kind: 'bye', farewell: { code, message: 'kicked' } })),
      describeClosed({ kind: 'server-closed' }),
      describeClosed({ kind: 'closed-here' }),
    ];
    for (const text of texts) expect(text).not.toMatch(JARGON);
    expect(describeClosed({ kind: 'bye', farewell: { code: 'FORBIDDEN', message: '' } })).toBe(
      'The facilitator removed you from the exercise.',
    );
  });

  it('S12: a server that lost versions this screen saw says so without the code or its message', () => {
    const text = describeNotice({
      code: 'VERSION_AHEAD',
      lastVersion: 12,
      message: "the server's record ends at version 9",
    });
    expect(text).toMatch(/lost its most recent changes/);
    expect(text).not.toMatch(JARGON);
    expect(text).not.toMatch(/version|12|9/);
  });

  it('H3 H4 H5: refused joins and set-ups read as sentences for a person, never a code, a route or a quoted id', () => {
    const serverWords = [
      { status: 404, code: 'NOT_FOUND', message: 'no exercise with code "ZZZZZZ"' },
      { status: 404, code: 'NOT_FOUND', message: 'no scenario "x"; GET /api/scenarios lists them' },
      { status: 409, code: 'NOT_NOW', message: 'the exercise is in debrief; join as an observer instead' },
      { status: 400, code: 'INVALID', message: 'name: Too big: expected string to have <=40 characters' },
      { status: 429, code: 'RATE_LIMITED', message: 'too many requests from this address; at most 30 per minute' },
      { status: 500, code: 'INTERNAL', message: 'the server could not save "joined": SQLITE_FULL' },
      { status: 403, code: 'FORBIDDEN', message: 'solo practice runs cannot be joined' },
    ] as const;
    for (const refused of serverWords) {
      for (const words of [JOIN_WORDS, SETUP_WORDS]) {
        const text = words({ ...refused })!;
        expect(text, refused.message).toMatch(/^[A-Z].*\.$/);
        expect(text, refused.message).not.toMatch(JARGON);
        expect(text, refused.message).not.toMatch(/\/api\/|SQLITE|<=/);
      }
    }
    expect(JOIN_WORDS({ status: 404, code: 'NOT_FOUND', message: 'no exercise with code "ZZZZZZ"' })).toBe(
      'No exercise has that code; check it with your facilitator.',
    );
    expect(
      JOIN_WORDS({
        status: 403,
        code: 'FORBIDDEN',
        message: 'Ada already leads Blue team; only the facilitator can hand the lead role to someone else',
      }),
    ).toBe('Ada already leads Blue team; only the facilitator can hand the lead role to someone else.');
  });
});
