/** Words of the lobby: join code, set-up, rosters, seat hand-over. */
import { plural } from '../plural.ts';

export const lobby = {
  lobby: 'Lobby',
  setUp: 'Set up',
  startTheExercise: '▶ Start the exercise',
  startUnlocks: 'Start unlocks when the first player joins.',
  players: 'Players',
  nobodyHasJoinedYet:
    'Nobody has joined yet. Players appear here as they arrive: show the code or the QR code to the room.',
  decisionMode: 'Decision mode',
  newTeam: 'New team',
  addTeam: 'Add team',
  notInATeam: 'Not in a team yet',
  noPlayersYet: 'No players yet',
  online: 'online',
  offline: 'offline',
  chooseTeam: 'Choose team',
  chooseRole: 'Choose role',
  joinAt: (host: string) => `Join at ${host} with the code`,
  /** The code spelled out for a screen reader ("Join code A B C 1 2 3"). */
  joinCode: (spelled: string) => `Join code ${spelled}`,
  qrCode: (url: string) => `QR code for the join link ${url}`,
  joined: (players: number) => `${plural(players, 'player')} joined`,
  staffDocuments: 'This browser does not hold the facilitator key of this exercise.',
  emptyTeam: (team: string) => `${team} has no players yet; its decisions will time out unless you move someone in.`,
  unassigned: (players: number) =>
    `${plural(players, 'player is', 'players are')} not in a team yet: choose a team below.`,
  /** The same name on more than one seat: usually one person who joined again from another device. */
  sameName: (seats: number) => `${seats} seats with this name`,
  teamFor: (player: string) => `Team for ${player}`,
  roleFor: (player: string) => `Role for ${player}`,
  confirmRemove: (player: string) => `Remove ${player} from the exercise?`,
  remove: 'Remove',
  seatLinkFailed: 'The link could not be made; try again.',
  seatLink: 'Link to this seat',
  seatOf: (player: string) => `of ${player}`,
  giveLink: (player: string) => `Give ${player} this link; it opens this seat on their device:`,
  seatLinkFor: (player: string) => `Link to the seat of ${player}`,
};
