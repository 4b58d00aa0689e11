/**
 * Worker thread entry: checks the drills it is given and posts each result back, then exits.
 * Run only from the compiled server (dist/server/drill-check-worker.js, see check-in-workers.ts).
 *
 * A path search allocates far more than it keeps (checking the nine bundled drills took a
 * server's RSS from 99 to 176 MB and left 14 MB of heap); V8 keeps those pages for the life of
 * the isolate, so a first start that checked in the main thread held about 100 MB more for as
 * long as it ran. A worker's isolate gives them back when it exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkDrill } from './drill-check.ts';
import type { DrillCheckRequest, DrillCheckReply } from './check-in-workers.ts';

for (const { hash, label, text } of (workerData as { drills: DrillCheckRequest[] }).drills) {
  const checked = checkDrill(text, label);
  // the indexed drill is rebuilt from the scenario on the other side, as from the check cache
  const reply: DrillCheckReply =
    'error' in checked
      ? { hash, error: checked.error }
      : { hash, scenario: checked.drill.scenario, stats: checked.stats };
  parentPort!.postMessage(reply);
}
