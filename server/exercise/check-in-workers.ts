/**
 * Checks drills in worker threads at start, when the compiled server has its worker beside it
 * (dist/server/drill-check-worker.js). Two things come of it on a first start, or after a drill
 * or the engine changed: the path searches run on two cores at once, and the memory they churn
 * through is returned when each worker exits (see drill-check-worker.ts). Under tsx and vitest
 * there is no compiled worker (a worker thread cannot load TypeScript), and the catalog checks
 * in its own thread as before; so does it for any drill a worker did not answer.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckedDrill } from './check-cache.ts';

export interface DrillCheckRequest {
  /** SHA-256 of the text, as the catalog and the check cache key drills. */
  hash: string;
  label: string;
  text: string;
}
export type DrillCheckReply = { hash: string } & (CheckedDrill | { error: string });
/** Check results by text hash: the checked drill, or the message saying why it is not valid. */
export type Prechecked = Map<string, CheckedDrill | { error: string }>;

/** The compiled worker beside the module at `base`, or undefined where there is none. */
export function drillCheckWorkerFile(base: string): string | undefined {
  const file = fileURLToPath(new URL('./drill-check-worker.js', base));
  return existsSync(file) ? file : undefined;
}

/** Checks `drills` in up to `threads` workers (longest drills first, dealt in turn). */
export async function checkInWorkers(
  drills: DrillCheckRequest[],
  workerFile: string,
  warn: (message: string) => void,
  threads = Math.min(2, availableParallelism()),
): Promise<Prechecked> {
  const results: Prechecked = new Map();
  const count = Math.min(threads, drills.length);
  if (count < 1) return results;
  const longestFirst = [...drills].sort((a, b) => b.text.length - a.text.length);
  const batches = Array.from({ length: count }, (_, i) => longestFirst.filter((_, j) => j % count === i));
  await Promise.all(batches.map((batch) => checkBatch(batch, workerFile, results, warn)));
  return results;
}

function checkBatch(
  drills: DrillCheckRequest[],
  workerFile: string,
  results: Prechecked,
  warn: (message: string) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const failed = (error: Error) => {
      const left = drills.filter((d) => !results.has(d.hash)).length;
      warn(`a drill check thread failed (${error.message}); checking its ${left} drill(s) here instead`);
    };
    let worker: Worker;
    try {
      // no flags of the server's (such as --input-type) carry over: the worker needs none
      worker = new Worker(workerFile, { workerData: { drills }, execArgv: [] });
    } catch (error) {
      failed(error as Error);
      return resolve();
    }
    worker.on('message', ({ hash, ...checked }: DrillCheckReply) => results.set(hash, checked));
    worker.on('error', failed);
    worker.on('exit', () => resolve());
  });
}
