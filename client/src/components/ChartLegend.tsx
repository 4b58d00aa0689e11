/**
 * The series palette of every line chart (a colour and a dash each, so series stay apart in
 * print and for colour-blind readers) and the legend that names them.
 */
const SERIES_COLOURS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#0f766e'];
const SERIES_DASHES = ['', '6 4', '2 3', '10 3 2 3', '1 5', '4 2'];

/** The stroke of series number `index`. */
export function seriesStroke(index: number): { stroke: string; strokeDasharray: string } {
  return {
    stroke: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
    strokeDasharray: SERIES_DASHES[index % SERIES_DASHES.length]!,
  };
}

/** A legend of the series names, each beside its line (hidden from screen readers: the charts carry a text summary). */
export function ChartLegend({ names }: { names: string[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {names.map((name, index) => (
        <li key={name}>
          <svg width="28" height="10">
            <line x1="0" x2="28" y1="5" y2="5" strokeWidth="3" {...seriesStroke(index)} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}
