import { lazy, Suspense, useEffect } from 'react';
import type { Seat } from '../../../protocol/messages.ts';
import { loadSeat } from '../api.ts';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { connect, disconnect } from '../socket.ts';
import { useStore } from '../store.ts';
import { PlayerScreen } from './PlayerScreen.tsx';
import { messages } from '../text/messages.ts';

// The console (lobby, board, debrief) is for staff seats only, so players never download it. A
// staff seat starts fetching it while the socket connects, so it is there when the snapshot is.
const loadConsole = () => import('./facilitator/FacilitatorConsole.tsx');
const FacilitatorConsole = lazy(() => loadConsole().then((module) => ({ default: module.FacilitatorConsole })));
const isStaff = (seat: Seat) => seat !== 'player'; // facilitator, observer, manager

/** One exercise: connects with the stored token and shows the screen for the seat the server gives. */
export function ExercisePage({ exerciseId }: { exerciseId: string }) {
  const seat = loadSeat(exerciseId);
  const snapshot = useStore((s) => s.snapshot);
  const connection = useStore((s) => s.connection);
  useEffect(() => {
    if (!seat) return;
    if (isStaff(seat.seat)) void loadConsole();
    connect(exerciseId, seat.token);
    return () => disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [exerciseId, seat?.token]);

  if (!seat) {
    return (
      <div className="page narrow">
        <h1>{messages.join.notInThisExercise}</h1>
        <p>{messages.join.noSeatHelp}</p>
        <a className="btn btn-primary" href="#/join">
          {messages.join.joinWithACode}
        </a>
      </div>
    );
  }
  if (!snapshot) {
    return (
      <div className="page narrow">
        <ConnectionBanner />
        {connection !== 'closed' ? <p className="muted">{messages.join.loadingTheExercise}</p> : null}
      </div>
    );
  }
  return (
    <>
      <ConnectionBanner />
      {isStaff(snapshot.me.seat) ? (
        <Suspense fallback={<p className="muted">{messages.join.loadingTheExercise}</p>}>
          <FacilitatorConsole snapshot={snapshot} />
        </Suspense>
      ) : (
        <PlayerScreen snapshot={snapshot} />
      )}
    </>
  );
}
