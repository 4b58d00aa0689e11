/** Words of the common view. */
export const common = {
  loadingReports: 'Loading reports…',
  loadingTheReport: 'Loading the report…',
  skipToContent: 'Skip to content',
  disconnected: 'Disconnected.',
  backToTheStart: 'Back to the start page',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  thisPanel: ' this panel',
  table: 'Table',
  point: 'Point',
  dismissMessage: 'Dismiss message',
  waiting: (actions: number) =>
    `${actions === 1 ? 'Your last action is' : `Your last ${actions} actions are`} kept and will be sent when the connection is back.`,
  chartData: (title: string) => `${title} data`,
  image: (alt: string | undefined) => `[image: ${alt ?? 'no description'}]`,
  close: 'Close',
  brand: { first: 'breach', second: 'drill' },
  /** The decision modes by name, wherever one is chosen or shown. */
  mode: { vote: 'Team vote', lead: 'Lead decides', facilitator: 'Facilitator records' },
  /** "Ana (IR lead)": a player with the role's label. */
  nameWithRole: (name: string, role: string) => `${name} (${role})`,
  ending: (title: string) => `Ending: ${title}`,
  code: (code: string) => `code ${code}`,
  exerciseStatus: { lobby: 'Lobby', running: 'Running', paused: 'Paused', debrief: 'Debrief', ended: 'Ended' },
  saving: 'Saving…',
  saved: 'Saved.',
  noRole: 'No role yet',
  /** The NIST SP 800-61 phases by id (drills spell some two ways). */
  phase: {
    preparation: 'Preparation',
    'detection-analysis': 'Detection & Analysis',
    'detection-and-analysis': 'Detection & Analysis',
    'containment-eradication-recovery': 'Containment, Eradication & Recovery',
    'post-incident': 'Post-Incident Activity',
    'post-incident-activity': 'Post-Incident Activity',
  },
  unreachable: 'The game server cannot be reached. Check the connection and try again.',
  serverAnswered: (status: number) => `The server answered ${status}.`,
  /** A score change: "+3 pts", "-1 pts", "0 pts". */
  points: (delta: number) => `${delta > 0 ? '+' : ''}${delta} pts`,
  /** A score out of its maximum (the solo summary, what if and the reports). */
  scoreOf: (score: number, max: number) => `${score} of ${max}`,
  /** HSEEP's ratings, as the letters mean them. */
  rating: {
    P: 'performed without challenges',
    S: 'performed with some challenges',
    M: 'performed with major challenges',
    U: 'unable to be performed',
  },
  notRated: 'not rated',
};
