/** HSEEP ratings as a person reads them: the letter, its meaning on hover and for screen readers. */
import { messages } from '../text/messages.ts';

export type Rating = 'P' | 'S' | 'M' | 'U' | null;

export const RATING_WORDS: Record<string, string> = messages.common.rating;

/** "Containment P" with the rating's meaning for screen readers and on hover. */
export function RatingBadge({ rating, label }: { rating: Rating; label?: string }) {
  const tone =
    rating === 'P'
      ? 'badge-good'
      : rating === 'S'
        ? 'badge-live'
        : rating === 'M'
          ? 'badge-warn'
          : rating === 'U'
            ? 'badge-bad'
            : 'badge-neutral';
  const meaning = rating ? RATING_WORDS[rating] : messages.common.notRated;
  return (
    <span className={`badge ${tone}`} title={meaning}>
      {label ? `${label} ` : ''}
      <strong>{rating ?? '–'}</strong>
      <span className="sr-only"> ({meaning})</span>
    </span>
  );
}
