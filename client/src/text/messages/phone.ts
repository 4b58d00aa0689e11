/** Words of the player's phone: the play screen, the news toast, what happened to the last inject. */
import { plural } from '../plural.ts';

export const phone = {
  news: {
    message: (title: string) => `New message from the facilitator: ${title}`,
    inject: (title: string) => `New inject: ${title}`,
    dismiss: 'Dismiss',
  },
  outcome: {
    advanced: 'The facilitator moved the drill on',
    advancedRest: (inject: string) => `at “${inject}” before your team decided, so no decision was recorded.`,
  },
  options: 'Options',
  tied: 'tied',
  you: 'You',
  dissentHint: '(you disagree with the team: say why, it goes in the report)',
  optional: '(optional)',
  reasonsGiven: 'Reasons given',
  leadingVoteRecorded: 'The leading vote is being recorded; with no votes, no decision is made.',
  noDecisionUnlessNow: 'No decision is recorded unless one is made now.',
  continueOnAnotherDevice: 'Continue on another device',
  linkToYourSeat: 'Link to your seat',
  verb: { decide: 'Decide', commit: 'Commit decision', changeVote: 'Change my vote', vote: 'Cast my vote', recommend: 'Recommend' },
  yourReason: 'Your reason',
  yourVote: 'Your vote:',
  tiedVote: (options: number, votesEach: number) =>
    `Tied vote: ${options} options have ${plural(votesEach, 'vote')} each. Someone needs to change their vote; if the deadline passes on a tie, no decision is recorded.`,
  timeUp: 'Time is up.',
  seatLinkHelp: (name: string) =>
    `Open this link on your other phone or laptop to carry on as ${name}, in the same team and role, with your votes. Keep it to yourself: whoever opens it plays as you.`,
  /** Who settles a decision in the exercise's mode (whoDecides.ts picks one). */
  whoDecides: {
    vote: (lead: string) => `Team vote: the majority decides; a tie goes the way of ${lead}.`,
    lead: (lead: string) => `${lead} decides; everyone else recommends.`,
    facilitator: 'The facilitator records the team’s choice; your vote is a recommendation.',
  },
};
