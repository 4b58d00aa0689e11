import { useState } from 'react';

const KEY = 'breachdrill:projector';

/** Projector mode for the board (large type, stronger contrast), remembered on this device. */
export function useProjectorMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(KEY) === '1';
    } catch {
      return false;
    }
  });
  return [
    on,
    (next) => {
      setOn(next);
      try {
        if (next) localStorage.setItem(KEY, '1');
        else localStorage.removeItem(KEY);
      } catch {
        /* private mode: for this page only */
      }
    },
  ];
}
