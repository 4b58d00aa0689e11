/**
 * The protocol version, in a file of its own so the client can import the value without
 * pulling in zod. Bumped on any incompatible change; a client with another version is refused (P1).
 */
export const PROTOCOL_VERSION = 2;
