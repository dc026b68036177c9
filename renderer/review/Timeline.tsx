// The call as a strip: grey bars where the agent spoke, red ticks for flags, green for praise.
// Plain SVG in a fixed viewBox, scaled by CSS; a tick links to its finding card.
import type { CallDetail } from './api-types.ts';
import { behaviourName, clock } from './text.ts';

const WIDTH = 1000;
const HEIGHT = 56;

/** The length the call's time strips are drawn to, so the strip and the turn bars line up. */
export function timelineSpanMs(detail: CallDetail): number {
  return Math.max(
    1000,
    detail.call.endedAtMs !== null ? detail.call.endedAtMs - detail.call.startedAtMs : 0,
    ...detail.utterances.map((u) => u.endMs),
    ...detail.findings.map((f) => f.rangeMs?.endMs ?? f.atMs),
    ...detail.turns.map((t) => t.endMs),
  );
}

export function Timeline({ detail }: { detail: CallDetail }) {
  const lastMs = timelineSpanMs(detail);
  const x = (ms: number): number => (ms / lastMs) * WIDTH;
  const ticks = Array.from({ length: 5 }, (_, i) => (i * lastMs) / 4);
  return (
    <svg className="timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`} role="img" aria-label={`Tijdlijn van ${clock(lastMs)}`}>
      <rect className="track" x={0} y={18} width={WIDTH} height={20} />
      {detail.utterances.map((u) => (
        <rect key={u.id} className="speech" x={x(u.startMs)} y={18} width={Math.max(1, x(u.endMs) - x(u.startMs))} height={20} />
      ))}
      {detail.findings.map((f) => (
        <a key={f.id} href={`#finding-${f.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(`finding-${f.id}`)?.scrollIntoView({ behavior: 'smooth' }); }}>
          <title>{`${clock(f.atMs)} ${behaviourName(f.behaviour)}`}</title>
          {f.rangeMs && <rect className={`range ${f.kind}`} x={x(f.rangeMs.startMs)} y={14} width={Math.max(2, x(f.rangeMs.endMs) - x(f.rangeMs.startMs))} height={28} />}
          <path className={`marker ${f.kind}${f.mark?.verdict === 'wrong' ? ' wrong' : ''}`} d={`M ${x(f.atMs)} 14 l -6 -10 h 12 z M ${x(f.atMs)} 14 V 42`} />
        </a>
      ))}
      {ticks.map((ms) => (
        <text key={ms} className="tick" x={Math.min(WIDTH - 24, x(ms))} y={HEIGHT + 12}>{clock(ms)}</text>
      ))}
    </svg>
  );
}
