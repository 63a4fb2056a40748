/**
 * How far into a workout the viewer got. A native <progress>: announced with its percentage,
 * and styled from the stylesheet (the CSP has no 'unsafe-inline' for style attributes).
 */
export function ProgressBar({
  positionSec,
  durationSec,
  label,
}: {
  readonly positionSec: number;
  readonly durationSec: number;
  readonly label: string;
}) {
  const max = Math.max(1, Math.round(durationSec));
  return <progress className="progress-bar" aria-label={label} max={max} value={Math.min(max, Math.round(positionSec))} />;
}
