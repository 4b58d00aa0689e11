/** Words of solo practice: the outcome after each decision, the summary, the runs list. */
export const solo = {
  outcomeTitle: 'Outcome of your decision',
  changed: 'What it changed',
  next: (inject: string) => `Next: ${inject}`,
  ending: 'See how it ended',
  summary: 'See your summary',
  continue: 'Continue',
  took: (time: string) => `It took ${time} of incident time`,
};
