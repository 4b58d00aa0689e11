/** The fingerprint of the engine under `root` (the repository), 32 hex digits. */
export function computeEngineFingerprint(root?: string): string;
