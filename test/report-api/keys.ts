/** Requests to the report endpoints with a bearer key. */

export const MANAGER_KEY = 'test-manager-key-0123456789';

/** GET (or another method) with `Authorization: Bearer key` when a key is given; the raw answer. */
export async function withKey(
  url: string,
  path: string,
  key: string | null,
  init: { method?: string; body?: unknown } = {},
) {
  const res = await fetch(url + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) as unknown };
}
