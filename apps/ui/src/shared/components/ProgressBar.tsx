/** A labelled progress bar; `value` of `max` done. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <div className="progress">
      <div className="progress-label" id="progress-label">
        {label}: {value.toLocaleString('en-US')} of {max.toLocaleString('en-US')} ({percent} %)
      </div>
      <div role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className="progress-track">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
