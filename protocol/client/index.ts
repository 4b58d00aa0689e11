/** The protocol client and its parts; zod-free, so the web client imports it directly. */
export * from './client.ts';
export * from './outbox.ts';
export * from './sync.ts';
export * from './transport.ts';
