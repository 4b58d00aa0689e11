/**
 * The breachdrill wire protocol: what the client, the server, the tests and the benchmarks
 * agree on. docs/protocol.md states the rules; each file here holds one part of them.
 *
 * The web client imports the files it needs directly (types, `patch.ts`, `version.ts`, the
 * protocol client) so that zod's schemas stay out of its bundle.
 */
export * from './version.ts';
export * from './messages.ts';
export * from './patch.ts';
export * from './reports.ts';
export * from './gap-report.ts';
export * from './client/index.ts';
export * from './whatif.ts';
export * from './shares.ts';
export * from './duration.ts';
export * from './colours.ts';
