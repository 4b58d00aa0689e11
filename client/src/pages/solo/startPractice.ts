import { listScenarios, saveSeat, startSolo } from '../../api.ts';
import { navigate } from '../../router.ts';

/**
 * Starts a solo practice run and opens it; the seat remembers what was practised, so the
 * trainee's runs can be listed (and their reports opened) from this device later.
 */
export async function startPractice(scenarioId: string, name: string): Promise<void> {
  const [joined, scenarios] = await Promise.all([startSolo({ scenarioId, name }), listScenarios().catch(() => [])]);
  try {
    localStorage.setItem('breachdrill:name', name);
  } catch {
    /* private mode: the name is asked again next time */
  }
  const scenarioTitle = scenarios.find((s) => s.id === scenarioId)?.title ?? scenarioId;
  saveSeat(joined.exerciseId, {
    token: joined.token,
    seat: joined.seat,
    savedAt: Date.now(),
    solo: { scenarioId, scenarioTitle, name },
  });
  navigate(`/x/${joined.exerciseId}`);
}
