// The call as a strip: lanes over the call's time, the agent's speech in the first ("Medewerker"),
// then any lanes a caller adds (the customer's timing bars from the timing work plug in here with
// `lanes`), and a marker per finding across all lanes: red for flags, green for praise, hollow
// for a finding held back for lower certainty, purple once marked wrong. Plain SVG in a fixed
// viewBox, scaled by CSS; each marker is a link to its finding card, reachable by keyboard.
import type { ReactNode } from 'react';
import type { CallDetail } from './api-types.ts';
import { LOW_CONFIDENCE } from './contracts.ts';
import { clock } from '../shared/format.ts';
import { behaviourName } from './text.ts';

const WIDTH = 1000;
/** Left of the strip: the lanes' labels. */
const GUTTER = 92;
const TOP = 16;
const LANE_HEIGHT = 20;
const LANE_GAP = 6;
const AXIS = 18;

export interface LaneScale {
  /** Call time (ms) to the strip's x, in SVG units. */
  x: (ms: number) => number;
  /** The lane's band. */
  y: number;
  height: number;
}

export interface TimelineLane {
  /** Shown left of the lane, e.g. "Klant". */
  label: string;
  draw: (scale: LaneScale) => ReactNode;
}

/** How long the strip is: the call, or as far as anything in it reaches. */
export function timelineEndMs(detail: CallDetail): number {
  return Math.max(
    1000,
    detail.call.endedAtMs !== null ? detail.call.endedAtMs - detail.call.startedAtMs : 0,
    ...detail.utterances.map((u) => u.endMs),
    ...detail.findings.map((f) => f.rangeMs?.endMs ?? f.atMs),
  );
}

export function Timeline({ detail, lanes = [] }: { detail: CallDetail; lanes?: readonly TimelineLane[] }) {
  const lastMs = timelineEndMs(detail);
  const x = (ms: number): number => GUTTER + (ms / lastMs) * (WIDTH - GUTTER);
  const agentLane: TimelineLane = {
    label: 'Medewerker',
    draw: ({ y, height }) => detail.utterances.map((u) => (
      <rect key={u.id} className="speech" x={x(u.startMs)} y={y} width={Math.max(1, x(u.endMs) - x(u.startMs))} height={height} />
    )),
  };
  const all = [agentLane, ...lanes];
  const laneY = (i: number): number => TOP + i * (LANE_HEIGHT + LANE_GAP);
  const bottom = laneY(all.length - 1) + LANE_HEIGHT;
  const ticks = Array.from({ length: 5 }, (_, i) => (i * lastMs) / 4);
  return (
    <svg className="timeline" viewBox={`0 0 ${WIDTH} ${bottom + AXIS}`} role="group" aria-label={`Tijdlijn van ${clock(lastMs)}`}>
      {all.map((lane, i) => (
        <g key={lane.label} className="lane">
          <text className="lane-label" x={4} y={laneY(i) + LANE_HEIGHT - 6}>{lane.label}</text>
          <rect className="track" x={GUTTER} y={laneY(i)} width={WIDTH - GUTTER} height={LANE_HEIGHT} />
          {lane.draw({ x, y: laneY(i), height: LANE_HEIGHT })}
        </g>
      ))}
      {detail.findings.map((f) => {
        const label = `${clock(f.atMs)} ${behaviourName(f.behaviour)}${f.heldReason === LOW_CONFIDENCE ? ' (lagere zekerheid)' : ''}`;
        const classes = ['marker', f.kind, f.mark?.verdict === 'wrong' ? 'wrong' : '', f.heldReason === LOW_CONFIDENCE ? 'unsure' : ''].filter(Boolean).join(' ');
        return (
          <a
            key={f.id} href={`#finding-${f.id}`} aria-label={label}
            onClick={(e) => { e.preventDefault(); document.getElementById(`finding-${f.id}`)?.scrollIntoView({ behavior: 'smooth' }); }}
          >
            <title>{label}</title>
            {f.rangeMs && <rect className={`range ${f.kind}`} x={x(f.rangeMs.startMs)} y={TOP - 4} width={Math.max(2, x(f.rangeMs.endMs) - x(f.rangeMs.startMs))} height={LANE_HEIGHT + 8} />}
            <path className={classes} d={`M ${x(f.atMs)} ${TOP - 2} l -6 -10 h 12 z M ${x(f.atMs)} ${TOP - 2} V ${bottom}`} />
          </a>
        );
      })}
      {ticks.map((ms) => (
        <text key={ms} className="tick" x={Math.min(WIDTH - 24, x(ms))} y={bottom + AXIS - 4}>{clock(ms)}</text>
      ))}
    </svg>
  );
}
