// The call as a strip: grey bars where the agent spoke, and a marker per finding: red for flags,
// green for praise, hollow for a finding held back for lower certainty, purple once marked wrong.
// Plain SVG in a fixed viewBox, scaled by CSS, over the same span as the turn bars below it (who
// spoke when), so the two line up; each marker is a link to its finding card, reachable by keyboard.
import type { CallDetail } from './api-types.ts';
import { LOW_CONFIDENCE } from './contracts.ts';
import { clock } from '../shared/format.ts';
import { behaviourName } from './text.ts';

const WIDTH = 1000;
const HEIGHT = 56;

/** Five ticks over at least four seconds, so a call just begun reads 0:00 … 0:04, not 0:00 four times. */
const TICKS = 5;
const MIN_SPAN_MS = (TICKS - 1) * 1000;

/** The length the call's time strips are drawn to, so the strip and the turn bars line up. */
export function timelineSpanMs(detail: CallDetail): number {
  return Math.max(
    MIN_SPAN_MS,
    detail.call.endedAtMs !== null ? detail.call.endedAtMs - detail.call.startedAtMs : 0,
    ...detail.utterances.map((u) => u.endMs),
    ...detail.findings.map((f) => f.rangeMs?.endMs ?? f.atMs),
  );
}

/** Where the time labels go along a strip of `spanMs`: evenly, from 0:00 to the end. */
export function tickTimes(spanMs: number): number[] {
  return Array.from({ length: TICKS }, (_, i) => (i * spanMs) / (TICKS - 1));
}

export function Timeline({ detail }: { detail: CallDetail }) {
  const lastMs = timelineSpanMs(detail);
  const x = (ms: number): number => (ms / lastMs) * WIDTH;
  const ticks = tickTimes(lastMs);
  return (
    <svg className="timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`} role="group" aria-label={`Tijdlijn van ${clock(lastMs)}`}>
      <rect className="track" x={0} y={18} width={WIDTH} height={20} />
      {detail.utterances.map((u) => (
        <rect key={u.id} className="speech" x={x(u.startMs)} y={18} width={Math.max(1, x(u.endMs) - x(u.startMs))} height={20} />
      ))}
      {detail.findings.map((f) => {
        const unsure = f.heldReason === LOW_CONFIDENCE;
        const label = `${clock(f.atMs)} ${behaviourName(f.behaviour)}${unsure ? ' (lagere zekerheid)' : ''}`;
        const classes = ['marker', f.kind, f.mark?.verdict === 'wrong' ? 'wrong' : '', unsure ? 'unsure' : ''].filter(Boolean).join(' ');
        return (
          <a
            key={f.id} href={`#finding-${f.id}`} aria-label={label}
            onClick={(e) => { e.preventDefault(); document.getElementById(`finding-${f.id}`)?.scrollIntoView({ behavior: 'smooth' }); }}
          >
            <title>{label}</title>
            {f.rangeMs && <rect className={`range ${f.kind}`} x={x(f.rangeMs.startMs)} y={14} width={Math.max(2, x(f.rangeMs.endMs) - x(f.rangeMs.startMs))} height={28} />}
            <path className={classes} d={`M ${x(f.atMs)} 14 l -6 -10 h 12 z M ${x(f.atMs)} 14 V 42`} />
          </a>
        );
      })}
      {ticks.map((ms) => (
        <text key={ms} className="tick" x={Math.min(WIDTH - 24, x(ms))} y={HEIGHT + 12}>{clock(ms)}</text>
      ))}
    </svg>
  );
}
