/**
 * Limits that keep one client from stalling an exercise for everyone else (R2, R4–R8): command
 * and hello budgets per socket, per credential (all sockets of one token) and per address; a
 * cap on sockets per credential and per address; a socket that keeps knocking after being
 * limited is closed. Defaults suit a classroom behind one NAT address; every value can be
 * changed through `StartOptions.limits` or the environment (README "Operations").
 */
import { LIMITS } from '../../protocol/index.ts';
import { TokenBucket } from './rate-limit.ts';

export interface SocketLimits {
  /** Commands per second per socket, bursts of twice that (R2). */
  commandsPerSecond: number;
  /** Commands per second of one credential over all its sockets, bursts of twice that (R4). */
  credentialCommandsPerSecond: number;
  /** Commands per second from one address over all its sockets, bursts of twice that (R4). */
  addressCommandsPerSecond: number;
  /** `hello`s per second on one socket, bursts of twice that (R5). */
  socketHellosPerSecond: number;
  /** `hello`s per second of one credential on new sockets, bursts of twice that (R5). */
  credentialHellosPerSecond: number;
  /** `hello`s per second from one address, bursts of twice that (R5). */
  addressHellosPerSecond: number;
  /** Sockets one credential may hold at once (R6). */
  socketsPerCredential: number;
  /** Sockets one address may hold at once (R7). */
  socketsPerAddress: number;
  /** New sockets one address may open per second, bursts of five times that (R7). */
  connectionsPerAddressPerSecond: number;
  /** A socket that has not said a successful `hello` by then is closed (R7). */
  helloTimeoutMs: number;
  /** Limited messages a socket may send in a row (refilled at 5 per second) before it is closed (R8). */
  floodStrikes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  commandsPerSecond: LIMITS.commandsPerSecond,
  credentialCommandsPerSecond: LIMITS.commandsPerSecond,
  addressCommandsPerSecond: 300,
  socketHellosPerSecond: 2,
  credentialHellosPerSecond: 2,
  addressHellosPerSecond: 50,
  socketsPerCredential: 4,
  socketsPerAddress: 100,
  connectionsPerAddressPerSecond: 10,
  helloTimeoutMs: 5000,
  floodStrikes: 20,
};

/** The environment variable behind each limit (positive integers). */
export const SOCKET_LIMIT_ENV: Record<keyof SocketLimits, string> = {
  commandsPerSecond: 'BREACHDRILL_COMMANDS_PER_SECOND',
  credentialCommandsPerSecond: 'BREACHDRILL_COMMANDS_PER_SEAT',
  addressCommandsPerSecond: 'BREACHDRILL_COMMANDS_PER_ADDRESS',
  socketHellosPerSecond: 'BREACHDRILL_HELLOS_PER_SOCKET',
  credentialHellosPerSecond: 'BREACHDRILL_HELLOS_PER_SEAT',
  addressHellosPerSecond: 'BREACHDRILL_HELLOS_PER_ADDRESS',
  socketsPerCredential: 'BREACHDRILL_SOCKETS_PER_SEAT',
  socketsPerAddress: 'BREACHDRILL_SOCKETS_PER_ADDRESS',
  connectionsPerAddressPerSecond: 'BREACHDRILL_CONNECTIONS_PER_ADDRESS_PER_SECOND',
  helloTimeoutMs: 'BREACHDRILL_HELLO_TIMEOUT_MS',
  floodStrikes: 'BREACHDRILL_FLOOD_STRIKES',
};

/** The limits set in `env`; a value that is not a positive integer is an error naming the variable. */
export function socketLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<SocketLimits> {
  const out: Partial<SocketLimits> = {};
  for (const [key, name] of Object.entries(SOCKET_LIMIT_ENV) as Array<[keyof SocketLimits, string]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive whole number, found "${raw}"`);
    out[key] = value;
  }
  return out;
}

/** Which budget a message ran out of, in words for the person whose client sent it. */
export type Exhausted = 'socket' | 'credential' | 'address';

/** Budgets shared between sockets: per credential and per address, created on first use, pruned once full again. */
class SharedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst = 2,
  ) {}

  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.perSecond * this.burst, this.perSecond, now)));
    const ok = bucket.take(now);
    if (this.buckets.size > 10_000) this.prune(now);
    return ok;
  }

  /** Drops buckets that have refilled: forgetting them changes nothing. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}

/** Counts of open things per key, for the socket caps. */
class Counter {
  private readonly counts = new Map<string, number>();
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  add(key: string, delta: 1 | -1): void {
    const next = this.get(key) + delta;
    if (next <= 0) this.counts.delete(key);
    else this.counts.set(key, next);
  }
}

/** The server-wide state of the limits; one per server. */
export class SocketGuard {
  readonly limits: SocketLimits;
  private readonly credentialCommands: SharedBuckets;
  private readonly addressCommands: SharedBuckets;
  private readonly credentialHellos: SharedBuckets;
  private readonly addressHellos: SharedBuckets;
  private readonly addressConnections: SharedBuckets;
  private readonly perAddress = new Counter();
  private readonly perCredential = new Counter();

  constructor(
    limits: Partial<SocketLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_SOCKET_LIMITS, ...limits };
    this.credentialCommands = new SharedBuckets(this.limits.credentialCommandsPerSecond);
    this.addressCommands = new SharedBuckets(this.limits.addressCommandsPerSecond);
    this.credentialHellos = new SharedBuckets(this.limits.credentialHellosPerSecond);
    this.addressHellos = new SharedBuckets(this.limits.addressHellosPerSecond);
    this.addressConnections = new SharedBuckets(this.limits.connectionsPerAddressPerSecond, 5);
  }

  /** The per-socket budgets of a new socket. */
  socketBudgets(): { commands: TokenBucket; hellos: TokenBucket; strikes: TokenBucket } {
    const now = this.now();
    return {
      commands: new TokenBucket(this.limits.commandsPerSecond * 2, this.limits.commandsPerSecond, now),
      hellos: new TokenBucket(this.limits.socketHellosPerSecond * 2, this.limits.socketHellosPerSecond, now),
      strikes: new TokenBucket(this.limits.floodStrikes, 5, now),
    };
  }

  /** True when the address has room for one more socket (checked again once it is connected). */
  addressHasRoom(address: string): boolean {
    return this.perAddress.get(address) < this.limits.socketsPerAddress;
  }

  /**
   * Before the WebSocket upgrade: the address has room and has not opened too many sockets
   * lately. Refusing here costs one HTTP answer instead of a handshake, so a client that keeps
   * reconnecting costs little.
   */
  admitConnection(address: string): boolean {
    return this.addressHasRoom(address) && this.addressConnections.take(address, this.now());
  }

  /** Counts a socket of an address in or out. */
  countAddress(address: string, delta: 1 | -1): void {
    this.perAddress.add(address, delta);
  }

  /** True when the credential may bind one more socket. */
  credentialHasRoom(credential: string): boolean {
    return this.perCredential.get(credential) < this.limits.socketsPerCredential;
  }

  /** Counts a socket bound to a credential in or out. */
  countCredential(credential: string, delta: 1 | -1): void {
    this.perCredential.add(credential, delta);
  }

  /** Takes a command from the credential's and the address's budgets (the socket's was taken first). */
  command(credential: string | null, address: string): Exhausted | null {
    const now = this.now();
    if (credential !== null && !this.credentialCommands.take(credential, now)) return 'credential';
    return this.addressCommands.take(address, now) ? null : 'address';
  }

  /**
   * In a cluster, the node serving an exercise takes every command and hello forwarded to it
   * from the seat's budget as well: each node keeps its own buckets, so without this one seat with
   * sockets on three nodes would get three budgets. The serving node sees them all.
   */
  seatCommand(credential: string): boolean {
    return this.credentialCommands.take(credential, this.now());
  }

  /** The same for a forwarded hello (see seatCommand). */
  seatHello(credential: string): boolean {
    return this.credentialHellos.take(credential, this.now());
  }

  /** Takes a hello from the address's budget, and from the credential's once it is known. */
  hello(credential: string | null, address: string): Exhausted | null {
    const now = this.now();
    if (credential === null) return this.addressHellos.take(address, now) ? null : 'address';
    return this.credentialHellos.take(credential, now) ? null : 'credential';
  }
}
