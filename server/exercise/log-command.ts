/**
 * The one place a wire command becomes a logged one (S7). Each case copies the fields the log
 * keeps by name, so the log's shape is decided here and in events.ts, never by protocol/.
 */
import type { Command } from '../../protocol/index.ts';
import type { LogCommand } from './events.ts';

/** Copies `inject` only when the sender gave one, as the wire left it out otherwise. */
const injectOf = (inject: string | undefined): { inject?: string } => (inject === undefined ? {} : { inject });

export function logCommandOf(command: Command): LogCommand {
  switch (command.type) {
    case 'start':
    case 'pause':
    case 'resume':
    case 'end':
      return { type: command.type };
    case 'advance':
    case 'skip':
      return { type: command.type, teamId: command.teamId, ...injectOf(command.inject) };
    case 'extend':
      return { type: 'extend', teamId: command.teamId, seconds: command.seconds };
    case 'inject':
      return { type: 'inject', teamId: command.teamId, title: command.title, body: command.body };
    case 'move':
      return { type: 'move', playerId: command.playerId, teamId: command.teamId, role: command.role };
    case 'remove':
      return { type: 'remove', playerId: command.playerId };
    case 'add-team':
      return { type: 'add-team', name: command.name };
    case 'set-mode':
      return { type: 'set-mode', mode: command.mode };
    case 'record':
      return { type: 'record', teamId: command.teamId, option: command.option, ...injectOf(command.inject) };
    case 'vote':
      return {
        type: 'vote',
        option: command.option,
        ...(command.reason === undefined ? {} : { reason: command.reason }),
        ...injectOf(command.inject),
      };
    case 'commit':
      return { type: 'commit', option: command.option, ...injectOf(command.inject) };
    case 'continue':
      return { type: 'continue', ...injectOf(command.inject) };
    case 'hotwash':
      return { type: 'hotwash', worked: command.worked, didNot: command.didNot, confidence: { ...command.confidence } };
  }
}
