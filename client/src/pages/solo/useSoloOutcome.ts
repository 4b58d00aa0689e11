import { useState } from 'react';
import type { LogEntryView, TeamProgressView } from '../../../../protocol/messages.ts';

const decided = (p: TeamProgressView) => p.log.filter((e) => e.kind === 'chosen' || e.kind === 'no-decision');

/**
 * Solo: the decision whose outcome the trainee has not read yet, the progress just before it
 * (to say what it changed), and the call that marks it read.
 */
export function useSoloOutcome(progress: TeamProgressView | null): {
  pending: LogEntryView | null;
  before: TeamProgressView | null;
  acknowledge: () => void;
} {
  const entries = progress ? decided(progress) : [];
  const [seen, setSeen] = useState(entries.length);
  // the last progress seen before a new decision landed; kept (not replaced) until it is read
  const [last, setLast] = useState({ count: entries.length, progress });
  if (entries.length === last.count && progress !== last.progress) setLast({ count: entries.length, progress });
  const pending = entries.length > seen ? (entries.at(-1) ?? null) : null;
  return {
    pending,
    before: pending && last.count < entries.length ? last.progress : null,
    acknowledge: () => {
      setSeen(entries.length);
      setLast({ count: entries.length, progress });
    },
  };
}
