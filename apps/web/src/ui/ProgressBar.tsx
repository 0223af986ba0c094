/** A labelled progress bar; screen readers hear the value through the progressbar role. */
export function ProgressBar({ value, label, detail }: { value: number; label: string; detail?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span className="progress-value">{pct}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${pct}%${detail ? `, ${detail}` : ''}`}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {detail && <div className="progress-detail">{detail}</div>}
    </div>
  );
}
