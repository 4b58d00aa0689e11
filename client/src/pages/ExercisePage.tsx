import { useEffect } from 'react';
import { loadSeat } from '../api.ts';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { connect, disconnect } from '../socket.ts';
import { useStore } from '../store.ts';
import { FacilitatorConsole } from './facilitator/FacilitatorConsole.tsx';
import { PlayerScreen } from './PlayerScreen.tsx';
import { messages } from '../text/messages.ts';

/** One exercise: connects with the stored token and shows the screen for the seat the server gives. */
export function ExercisePage({ exerciseId }: { exerciseId: string }) {
  const seat = loadSeat(exerciseId);
  const snapshot = useStore((s) => s.snapshot);
  const connection = useStore((s) => s.connection);
  useEffect(() => {
    if (!seat) return;
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
  const isFacilitator =
    snapshot.me.seat === 'facilitator' || snapshot.me.seat === 'observer' || snapshot.me.seat === 'manager';
  return (
    <>
      <ConnectionBanner />
      {isFacilitator ? <FacilitatorConsole snapshot={snapshot} /> : <PlayerScreen snapshot={snapshot} />}
    </>
  );
}
