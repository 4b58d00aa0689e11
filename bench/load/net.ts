/** The load generator's plumbing: websocket connections, JSON POSTs with retries, bounded concurrency. */
import { io, type Socket } from 'socket.io-client';

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A connected socket.io-client websocket that does not reconnect (a drop counts as an error). */
export function connect(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 15_000 });
  return new Promise((done, fail) => {
    socket.once('connect', () => done(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      fail(e);
    });
  });
}

export async function emitAck<T>(socket: Socket, event: string, data: unknown, ms: number): Promise<T> {
  return (await socket.timeout(ms).emitWithAck(event, data)) as T;
}

/** POSTs JSON to `url + path`; a 5xx is tried twice more. */
export async function post<T>(url: string, path: string, body: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as T;
    if (attempt >= 2 || res.status < 500) throw new Error(`POST ${path} → ${res.status}: ${text.slice(0, 200)}`);
    await sleep(200);
  }
}

/** Runs `fn` over items with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
