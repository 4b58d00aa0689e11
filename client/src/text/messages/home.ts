/** Words of the home view. */
export const home = {
  tagline: 'Tabletop exercises for AI security incidents: poisoned data, backdoored models, hijacked agents.',
  joinAnExercise: 'Join an exercise',
  joinHelp: 'Your facilitator shows a join code on the screen.',
  joinCode: 'Join code',
  code: 'CODE',
  join: 'Join',
  runAnExercise: 'Run an exercise',
  runHelp: 'Pick a scenario, open a lobby, watch every team live, then debrief.',
  createAnExercise: 'Create an exercise',
  practiseAlone: 'Practise alone',
  soloHelp: 'Play any scenario at your own pace, with feedback after each decision.',
  practiseSolo: 'Practise solo',
  reports: 'Reports',
  reportsHelp: 'After-action reports and improvement plans from finished exercises.',
  openReports: 'Open reports',
};
