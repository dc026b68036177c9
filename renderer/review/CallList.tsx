// The list of calls with filters (date range, agent, behaviour), paging and CSV export of the
// filtered findings. At phone width each row becomes a small card (every cell carries its own
// label, review.css shows it there), so the list is usable without sideways scrolling.
import { useReview, setFilters, setOffset, routeHash, PAGE_SIZE } from './review-store.ts';
import { api } from './api.ts';
import { dateTime, percent } from '../shared/format.ts';
import { BEHAVIOUR_OPTIONS, callDuration, T } from './text.ts';

export function CallList() {
  const filters = useReview((s) => s.filters);
  const page = useReview((s) => s.page);
  const agents = useReview((s) => s.agents);
  const offset = useReview((s) => s.offset);
  const busy = useReview((s) => s.busy);
  return (
    <section aria-labelledby="calls-title">
      <h2 id="calls-title">{T.calls}{page ? <span className="count"> ({page.total})</span> : null}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>{T.from}<input type="date" name="from" value={filters.from} onChange={(e) => void setFilters({ from: e.target.value })} /></label>
        <label>{T.to}<input type="date" name="to" value={filters.to} onChange={(e) => void setFilters({ to: e.target.value })} /></label>
        <label>{T.agent}
          <select name="agent" value={filters.agent} onChange={(e) => void setFilters({ agent: e.target.value })}>
            <option value="">{T.all}</option>
            {agents.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>{T.behaviour}
          <select name="behaviour" value={filters.behaviour} onChange={(e) => void setFilters({ behaviour: e.target.value })}>
            <option value="">{T.all}</option>
            {BEHAVIOUR_OPTIONS.map((b) => <option key={b.id} value={b.id}>{b.helpful ? '✓ ' : ''}{b.name}</option>)}
          </select>
        </label>
        <a className="button" href={api.csvUrl(filters)} download>{T.exportCsv}</a>
      </form>
      {page && page.calls.length === 0 && <p className="empty">{T.noCalls}</p>}
      {page && page.calls.length > 0 && (
        <table className="calls">
          <thead>
            <tr>
              <th>{T.started}</th><th>{T.agent}</th><th>{T.duration}</th><th>{T.talkShare}</th>
              <th className="num">{T.flags}</th><th className="num">{T.praise}</th><th className="num">{T.lowConfidenceCount}</th><th className="num">{T.marked}</th>
            </tr>
          </thead>
          <tbody>
            {page.calls.map((c) => (
              <tr key={c.id}>
                <td data-label={T.started}><a href={routeHash({ name: 'call', id: c.id })}>{dateTime(c.startedAtMs)}</a></td>
                <td data-label={T.agent}>{c.agentId}</td>
                <td data-label={T.duration}>{callDuration(c)}</td>
                <td data-label={T.talkShare}>{percent(c.agentTalkShare) ?? '–'}</td>
                <td data-label={T.flags} className={c.flags > 0 ? 'num flagged' : 'num'}>{c.flags}</td>
                <td data-label={T.praise} className="num">{c.praise}</td>
                <td data-label={T.lowConfidenceCount} className="num">{c.lowConfidence ?? '–'}</td>
                <td data-label={T.marked} className="num">{c.marked}/{c.flags + c.praise + (c.lowConfidence ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > PAGE_SIZE && (
        <div className="pager">
          <button type="button" disabled={busy || offset === 0} onClick={() => void setOffset(offset - PAGE_SIZE)}>{T.previous}</button>
          <span>{offset + 1}–{Math.min(offset + PAGE_SIZE, page.total)} / {page.total}</span>
          <button type="button" disabled={busy || offset + PAGE_SIZE >= page.total} onClick={() => void setOffset(offset + PAGE_SIZE)}>{T.next}</button>
        </div>
      )}
    </section>
  );
}
