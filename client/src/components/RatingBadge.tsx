/** HSEEP ratings as a person reads them: the letter, its meaning on hover and for screen readers. */

export type Rating = 'P' | 'S' | 'M' | 'U' | null;

export const RATING_WORDS: Record<string, string> = {
  P: 'performed without challenges',
  S: 'performed with some challenges',
  M: 'performed with major challenges',
  U: 'unable to be performed',
};

/** "Containment P" with the rating's meaning for screen readers and on hover. */
export function RatingBadge({ rating, label }: { rating: Rating; label?: string }) {
  const tone = rating === 'P' ? 'badge-good' : rating === 'S' ? 'badge-live' : rating === 'M' ? 'badge-warn' : rating === 'U' ? 'badge-bad' : 'badge-neutral';
  const meaning = rating ? RATING_WORDS[rating] : 'not rated';
  return (
    <span className={`badge ${tone}`} title={meaning}>
      {label ? `${label} ` : ''}
      <strong>{rating ?? '–'}</strong>
      <span className="sr-only"> ({meaning})</span>
    </span>
  );
}

