import { loadSeat, rewindRun, saveSeat } from '../../api.ts';
import { navigate } from '../../router.ts';
import { messages } from '../../text/messages.ts';

/** "rewound from decision 2 of your run on 7 Dec 2026", the words the runs list and the run itself show. */
export function rewoundWords(from: { decision: number; playedAt: number }): string {
  return messages.solo.rewoundFrom(
    from.decision,
    new Date(from.playedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
  );
}

/**
 * Rewinds the trainee's finished run to one of its decisions (H18) and opens the new run; its seat
 * remembers where it came from, so the runs list shows the branch.
 */
export async function rewindTo(exerciseId: string, inject: string): Promise<void> {
  const seat = loadSeat(exerciseId);
  if (!seat?.solo) throw new Error(messages.solo.rewindElsewhere);
  const rewound = await rewindRun(exerciseId, seat.token, inject);
  const { decision, playedAt } = rewound.rewoundFrom;
  saveSeat(rewound.exerciseId, {
    token: rewound.token,
    seat: rewound.seat,
    savedAt: Date.now(),
    solo: { ...seat.solo, rewoundFrom: { exerciseId, decision, playedAt } },
  });
  navigate(`/x/${rewound.exerciseId}`);
}
