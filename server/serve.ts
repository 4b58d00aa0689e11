/** Starts the game server from the environment (PORT, HOST, DATA_DIR). */
export async function serveFromEnv(): Promise<void> {
  const { startFromEnv } = await import('./net/start.ts');
  await startFromEnv();
}
