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

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The URL of a route, for links and QR codes. */
export function routeUrl(path: string): string {
  return `${window.location.origin}${window.location.pathname}#${path}`;
}
