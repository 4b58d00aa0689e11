/**
 * The real server as a child process (`node bin/breachdrill.js serve`), for crash tests: start
 * it on a data directory, SIGKILL it, start it again on the same port so clients reconnect
 * by themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server.ts';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** Sends a signal and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The manager key every spawned server is given (BREACHDRILL_MANAGER_KEY). */
export const PROCESS_MANAGER_KEY = 'process-test-manager-key';

/**
 * Spawns the server and resolves once it prints the address it serves on; `env` adds or overrides
 * variables; `args` replaces `bin/breachdrill.js serve` (node's arguments).
 */
export function spawnServer(options: {
  dataDir: string;
  scenariosDir: string;
  port?: number;
  timeoutMs?: number;
  env?: Record<string, string>;
  args?: string[];
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.args ?? [join(ROOT, 'bin/breachdrill.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      SCENARIOS_DIR: options.scenariosDir,
      CLIENT_DIR: join(options.dataDir, 'no-client'),
      BREACHDRILL_MANAGER_KEY: PROCESS_MANAGER_KEY,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start within ${options.timeoutMs ?? 15000} ms:\n${output}`)),
      options.timeoutMs ?? 15000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving .* on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      done({
        url: match[1]!,
        port: Number(match[2]),
        child,
        output: () => output,
        kill: async (signal = 'SIGKILL') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before serving:\n${output}`));
    });
  });
}
