/** One bar: its label, its length as a share of the longest (0–1), and its value as written. */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly share: number;
  readonly value: string;
}

/**
 * Labelled horizontal bars as a list (plain elements, no SVG), so a screen reader reads each
 * label with its value; `name` names the list.
 */
export function BarList({ bars, name }: { bars: readonly Bar[]; name: string }) {
  return (
    <ul className="bars" aria-label={name}>
      {bars.map((bar) => (
        <li key={bar.key}>
          <span className="bar-label">{bar.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${bar.share * 100}%` }} />
          </span>
          <span className="bar-value">{bar.value}</span>
        </li>
      ))}
    </ul>
  );
}
