/** Words of the join view. */
export const join = {
  home: '← Home',
  joinAnExercise: 'Join an exercise',
  joinCode: 'Join code',
  yourName: 'Your name',
  joining: 'Joining…',
  join: 'Join',
  openingYourSeat: 'Opening your seat…',
  notInThisExercise: 'Not in this exercise',
  noSeatHelp: 'This browser holds no seat for this exercise. Join it with the code your facilitator shows.',
  joinWithACode: 'Join with a code',
  loadingTheExercise: 'Loading the exercise…',
  observer: 'Join as an observer (watch only)',
};
