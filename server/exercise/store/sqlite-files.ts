/**
 * The files under DATA_DIR (S11): names, reasons and hot-wash answers are personal, so the
 * directory is created 0700 and the database with its -wal and -shm 0600 (SQLite gives the
 * -wal and -shm the database file's mode). Existing files are tightened to 0600 at every open;
 * an existing directory that others can read is left as it is (it may be shared) with a warning.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;
/** Permission bits that let the group or others in. */
const OPEN_TO_OTHERS = 0o077;

/** The database file and the two SQLite keeps beside it in WAL mode. */
export const companionFiles = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`];

/** Creates DATA_DIR (0700) and the database file (0600) when missing; tightens the database files' modes. */
export function prepareDataFiles(dataDir: string, file: string, warn: (message: string) => void): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: DIRECTORY_MODE });
  else if (statSync(dataDir).mode & OPEN_TO_OTHERS) {
    warn(
      `the data directory ${dataDir} can be read by other users (mode ${(statSync(dataDir).mode & 0o777).toString(8)}); it holds players' names and answers: chmod 700 it`,
    );
  }
  closeSync(openSync(file, 'a', FILE_MODE)); // SQLite would create it with the process umask (often 0644)
  for (const path of companionFiles(file)) {
    if (existsSync(path) && statSync(path).mode & OPEN_TO_OTHERS) chmodSync(path, FILE_MODE);
  }
}
