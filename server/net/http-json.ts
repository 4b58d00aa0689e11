/**
 * JSON over HTTP: reading a request body of at most 64 KB, decoding a path segment, and
 * answering JSON or an error that names the field at fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { LIMITS, type ErrorCode } from '../../protocol/index.ts';
import { describeIssues } from './describe-issues.ts';

/** An HTTP failure with a status and a protocol error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON body; rejects over-long or malformed bodies with 413 / 400. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMITS.payloadBytes)
      throw new HttpError(413, 'INVALID', `request body is over ${LIMITS.payloadBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'INVALID', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses with a zod schema, turning the first issues into a 400 naming each field. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(400, 'INVALID', describeIssues(result.error.issues));
}

/** Decodes one percent-encoded path segment; a malformed encoding is the client's error (400, B2). */
export function decodePathSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      'INVALID',
      `${what}: the address holds a malformed percent-encoding (expected %XX with two hex digits forming UTF-8)`,
    );
  }
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Sends `{ok:false, code, message}`. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, code, message });
}
