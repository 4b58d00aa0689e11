/**
 * A tiny hash router: #/, #/new, #/join/CODE, #/solo, #/x/EXERCISE, #/reports...
 * Hash routes survive a reload on any static server and make the QR join URL work everywhere.
 */
import { useSyncExternalStore } from 'react';

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

const read = () => window.location.hash.replace(/^#/, '') || '/';

/** The current route path, e.g. "/x/abc". */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, read, () => '/');
}

/** A route split into its path ("/reports") and its query ("?team=red" → team=red). */
export function splitRoute(route: string): { path: string; query: URLSearchParams } {
  const at = route.indexOf('?');
  return at < 0
    ? { path: route, query: new URLSearchParams() }
    : { path: route.slice(0, at), query: new URLSearchParams(route.slice(at + 1)) };
}

/**
 * Replaces the current route's query (empty values left out) without a new history entry or a
 * re-render, so a filtered view's address can be shared as it is.
 */
export function replaceQuery(values: Record<string, string>): void {
  const { path } = splitRoute(read());
  const q = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
  window.history.replaceState(window.history.state, '', `#${path}${q ? `?${q}` : ''}`);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The URL of a route, for links and QR codes. */
export function routeUrl(path: string): string {
  return `${window.location.origin}${window.location.pathname}#${path}`;
}
