// Trends per behaviour over weeks: a line per behaviour of flags per call, as plain SVG, with a
// table of the same numbers underneath (readable without the chart, and for screen readers).
import { useReview, loadTrends, setTrendAgent } from './review-store.ts';
import type { Trends } from './api-types.ts';
import { T, behaviourName, formatWeek } from './text.ts';

const W = 720;
const H = 260;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const MAX_LINES = 6;

function rate(count: number, calls: number): number {
  return calls > 0 ? count / calls : 0;
}

/** Enough decimals that the middle grid line reads true (0.25, not 0.3). */
function axisLabel(v: number): string {
  return Number.isInteger(v * 10) ? v.toFixed(1) : v.toFixed(2);
}

function TrendChart({ trends }: { trends: Trends }) {
  const series = trends.series.filter((s) => s.kind === 'flag').slice(0, MAX_LINES);
  const rates = series.map((s) => s.counts.map((c, i) => rate(c, trends.callsPerWeek[i]!)));
  const maxRate = Math.max(0.5, ...rates.flat());
  const n = trends.weeks.length;
  const x = (i: number): number => PAD.left + (n === 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number): number => H - PAD.bottom - (v / maxRate) * (H - PAD.top - PAD.bottom);
  const gridValues = [0, maxRate / 2, maxRate];
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={T.trendsTitle}>
        {gridValues.map((v) => (
          <g key={v}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="axis" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">{axisLabel(v)}</text>
          </g>
        ))}
        {trends.weeks.map((w, i) => (i % Math.ceil(n / 8) === 0 ? <text key={w} className="axis" x={x(i)} y={H - 8} textAnchor="middle">{formatWeek(w)}</text> : null))}
        {rates.map((r, si) => (
          <g key={series[si]!.behaviour} className={`line c${si}`}>
            <polyline points={r.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            {r.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r={3}><title>{`${behaviourName(series[si]!.behaviour)} · ${formatWeek(trends.weeks[i]!)}: ${v.toFixed(2)}`}</title></circle>)}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {series.map((s, si) => <span key={s.behaviour} className={`key c${si}`}>{behaviourName(s.behaviour)}</span>)}
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
              <tr><th>{T.behaviour}</th>{trends.weeks.map((w) => <th key={w}>{formatWeek(w)}</th>)}</tr>
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
