// Who spoke when, as two bars (the agent above, the customer below) with the stretches where both
// spoke at once marked across both. Timing only, never words: it lets a supervisor (review) and the
// agent (after-call summary) check an interruption or a missing pause by eye. Plain SVG in a fixed
// viewBox stretched to the width, so it lines up with other time strips of the same call.
import type { TurnSegment } from '../../../main/contracts/turn-segments.ts';
import { doubleTalk } from '../../../main/contracts/turn-segments.ts';
import './turn-bars.css';

export interface TurnBarsText {
  agent: string;
  customer: string;
  overlap: string;
  /** The picture described in words, for screen readers: (agent seconds, customer seconds, overlaps). */
  describe: (agentS: number, customerS: number, overlaps: number) => string;
}

const WIDTH = 1000;
const LANE = { agent: { y: 3, h: 15 }, customer: { y: 24, h: 15 } } as const;
const HEIGHT = 42;

export function TurnBars({ turns, durationMs, text }: { turns: readonly TurnSegment[]; durationMs: number; text: TurnBarsText }) {
  const spanMs = Math.max(1000, durationMs, ...turns.map((t) => t.endMs));
  const x = (ms: number): number => (ms / spanMs) * WIDTH;
  // Even a short stretch stays visible; double talk a little wider still, it is what the eye looks for.
  const w = (from: number, to: number, min = 1.5): number => Math.max(min, x(to) - x(from));
  const overlaps = doubleTalk(turns);
  const seconds = (party: TurnSegment['party']) => Math.round(turns.filter((t) => t.party === party).reduce((s, t) => s + t.endMs - t.startMs, 0) / 1000);
  return (
    <figure className="turn-bars" data-testid="turn-bars">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img"
        aria-label={text.describe(seconds('agent'), seconds('customer'), overlaps.length)}>
        {(['agent', 'customer'] as const).map((party) => (
          <g key={party} className={`turn-bars__${party}`}>
            <rect className="turn-bars__lane" x={0} y={LANE[party].y} width={WIDTH} height={LANE[party].h} />
            {turns.filter((t) => t.party === party).map((t) => (
              <rect key={`${t.startMs}-${t.endMs}`} x={x(t.startMs)} y={LANE[party].y} width={w(t.startMs, t.endMs)} height={LANE[party].h} />
            ))}
          </g>
        ))}
        {overlaps.map((o) => (
          <rect key={`o${o.startMs}`} className="turn-bars__overlap" x={x(o.startMs)} y={0} width={w(o.startMs, o.endMs, 4)} height={HEIGHT} />
        ))}
      </svg>
      <figcaption className="turn-bars__legend">
        <span><i className="turn-bars__swatch turn-bars__swatch--agent" />{text.agent}</span>
        <span><i className="turn-bars__swatch turn-bars__swatch--customer" />{text.customer}</span>
        <span><i className="turn-bars__swatch turn-bars__swatch--overlap" />{text.overlap} ({overlaps.length}×)</span>
      </figcaption>
    </figure>
  );
}
