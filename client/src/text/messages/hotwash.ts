/** Words of the hot wash: the questions after a drill, on the phone and on the facilitator's debrief. */
import { plural } from '../plural.ts';

export const hotwash = {
  pointer: (questions: number) => `Hot wash: ${plural(questions, 'question')}`,
  answered: 'Hot wash answered: change your answers',
  pointerNote: 'Your answers go into the gap report.',
  thanks: 'Thank you.',
  progressTitle: 'Hot-wash answers',
  progress: (done: number, of: number) => `${done} of ${of} answered`,
  hotWash: 'Hot wash',
  whatWorked: 'What worked?',
  whatDidNot: 'What did not?',
  updateMyAnswers: 'Update my answers',
  sendMyAnswers: 'Send my answers',
  saved: 'Thank you: your answers are saved.',
  confidence: (capability: string) => `How confident are you in “${capability}”? (1 low – 5 high)`,
  answeredMark: ': answered',
  notYet: ': not yet',
};
