// Trends per behaviour over weeks: per behaviour, flags per call each week, as plain SVG with its
// own colour and marker shape (so lines that lie on top of each other stay apart, also without
// colour), a legend, and weeks without calls left as gaps (no calls is no data, not 0). A table of
// the same numbers sits underneath (readable without the chart, and for screen readers).
import { useReview, loadTrends, setTrendAgent } from './review-store.ts';
import type { Trends } from './api-types.ts';
import { decimal, weekOf } from '../shared/format.ts';
import { T, behaviourName } from './text.ts';

const W = 720;
const H = 260;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const MAX_LINES = 6;
/** Lines are set up to a marker's width apart sideways, so equal values (often 0, or a demo's
 *  one week) sit side by side instead of hiding each other. */
const MARKER = 10;

/** One marker shape per line, centred on (0, 0), about 9 units across. */
const SHAPES = [
  'M -4.5 0 a 4.5 4.5 0 1 0 9 0 a 4.5 4.5 0 1 0 -9 0', // circle
  'M -4 -4 h 8 v 8 h -8 z', // square
  'M 0 -5 l 5 9 h -10 z', // triangle
  'M 0 -5.5 l 5.5 5.5 l -5.5 5.5 l -5.5 -5.5 z', // diamond
  'M 0 5 l 5 -9 h -10 z', // triangle down
  'M -1.6 -5 h 3.2 v 3.4 h 3.4 v 3.2 h -3.4 v 3.4 h -3.2 v -3.4 h -3.4 v -3.2 h 3.4 z', // plus
] as const;

/** Flags per call, or null for a week without calls (a gap in the line). */
export function weeklyRates(counts: readonly number[], callsPerWeek: readonly number[]): (number | null)[] {
  return counts.map((c, i) => (callsPerWeek[i]! > 0 ? c / callsPerWeek[i]! : null));
}

/** Runs of consecutive weeks with data: each becomes one polyline, so empty weeks stay gaps. */
export function segments(rates: readonly (number | null)[]): { index: number; rate: number }[][] {
  const out: { index: number; rate: number }[][] = [];
  let run: { index: number; rate: number }[] = [];
  rates.forEach((rate, index) => {
    if (rate === null) {
      if (run.length > 0) out.push(run);
      run = [];
    } else run.push({ index, rate });
  });
  if (run.length > 0) out.push(run);
  return out;
}

function Marker({ shape, x, y }: { shape: number; x: number; y: number }) {
  return <path className="marker" d={SHAPES[shape % SHAPES.length]} transform={`translate(${x} ${y})`} />;
}

function TrendChart({ trends }: { trends: Trends }) {
  const series = trends.series.filter((s) => s.kind === 'flag').slice(0, MAX_LINES);
  const rates = series.map((s) => weeklyRates(s.counts, trends.callsPerWeek));
  const maxRate = Math.max(0.5, ...rates.flat().filter((r): r is number => r !== null));
  const n = trends.weeks.length;
  const weekStep = n > 1 ? (W - PAD.left - PAD.right) / (n - 1) : W;
  const dodge = Math.min(MARKER, weekStep / (series.length + 1));
  // The outer lines' markers stay inside the plot, also in the first and the last week.
  const inset = ((series.length - 1) / 2) * dodge + MARKER / 2;
  const x = (i: number): number => PAD.left + inset + (n === 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right - 2 * inset));
  const y = (v: number): number => H - PAD.bottom - (v / maxRate) * (H - PAD.top - PAD.bottom);
  const gridValues = [0, maxRate / 2, maxRate];
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={T.trendsTitle}>
        {gridValues.map((v) => (
          <g key={v}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="axis" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">{decimal(v, 2)}</text>
          </g>
        ))}
        {trends.weeks.map((w, i) => (i % Math.ceil(n / 8) === 0 ? <text key={w} className="axis" x={x(i)} y={H - 8} textAnchor="middle">{weekOf(w)}</text> : null))}
        {trends.callsPerWeek.map((calls, i) => (calls === 0 ? <rect key={i} className="no-calls" x={x(i) - 3} y={PAD.top} width={6} height={H - PAD.top - PAD.bottom}><title>{`${weekOf(trends.weeks[i]!)}: ${T.noCallsThatWeek}`}</title></rect> : null))}
        {rates.map((r, si) => {
          const dx = (si - (rates.length - 1) / 2) * dodge;
          return (
            <g key={series[si]!.behaviour} className={`line c${si}`} data-behaviour={series[si]!.behaviour} transform={`translate(${dx} 0)`}>
              {segments(r).map((run) => (
                <polyline key={run[0]!.index} points={run.map((p) => `${x(p.index)},${y(p.rate)}`).join(' ')} />
              ))}
              {segments(r).flat().map((p) => (
                <g key={p.index}>
                  <title>{`${behaviourName(series[si]!.behaviour)} · ${weekOf(trends.weeks[p.index]!)}: ${decimal(p.rate, 2)} per gesprek`}</title>
                  <Marker shape={si} x={x(p.index)} y={y(p.rate)} />
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s, si) => (
          <span key={s.behaviour} className={`key c${si}`}>
            <svg viewBox="-12 -6 24 12" width="24" height="12" aria-hidden="true"><line x1={-12} x2={12} y1={0} y2={0} /><Marker shape={si} x={0} y={0} /></svg>
            {behaviourName(s.behaviour)}
          </span>
        ))}
        {trends.callsPerWeek.includes(0) && <span className="key no-calls-key"><span className="swatch" aria-hidden="true" />{T.noCallsThatWeek}</span>}
      </figcaption>
    </figure>
  );
}

export function TrendsView() {
  const trends = useReview((s) => s.trends);
  const weeks = useReview((s) => s.trendWeeks);
  const agent = useReview((s) => s.filters.agent);
  const agents = useReview((s) => s.agents);
  return (
    <section aria-labelledby="trends-title">
      <h2 id="trends-title">{T.trendsTitle}</h2>
      <div className="filters">
        <label>{T.weeks}
          <select value={weeks} onChange={(e) => void loadTrends(Number(e.target.value))}>
            {[4, 8, 12, 26, 52].map((w) => <option key={w} value={w}>{w}</option>)}
          </select>
        </label>
        <label>{T.agent}
          <select value={agent} onChange={(e) => void setTrendAgent(e.target.value)}>
            <option value="">{T.all}</option>
            {agents.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
      </div>
      {trends && trends.series.length === 0 && <p className="empty">{T.noTrends}</p>}
      {trends && trends.series.length > 0 && (
        <>
          <TrendChart trends={trends} />
          <table className="trend-table">
            <thead>
              <tr><th>{T.behaviour}</th>{trends.weeks.map((w) => <th key={w}>{weekOf(w)}</th>)}</tr>
            </thead>
            <tbody>
              <tr className="calls-row"><th>{T.callsPerWeek}</th>{trends.callsPerWeek.map((c, i) => <td key={i}>{c}</td>)}</tr>
              {trends.series.map((s) => (
                <tr key={`${s.kind}:${s.behaviour}`} className={s.kind}>
                  <th>{s.kind === 'praise' ? '✓ ' : ''}{behaviourName(s.behaviour)}</th>
                  {s.counts.map((c, i) => <td key={i} title={s.markedWrong[i] ? `${s.markedWrong[i]} onterecht` : undefined}>{c || ''}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
