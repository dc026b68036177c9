// One flagged (or praised) moment: what the rule said, the agent's words around it with the
// triggering words highlighted, what happened to the tip, and the supervisor's mark.
import { useState } from 'react';
import type { ReviewFinding, StoredUtterance, Verdict } from './api-types.ts';
import { markFinding, useReview } from './review-store.ts';
import { T, behaviourName, clock } from './text.ts';

function Highlighted({ text, span }: { text: string; span: string | null }) {
  const at = span ? text.toLowerCase().indexOf(span.toLowerCase()) : -1;
  if (!span || at < 0) return <>{text}</>;
  return <>{text.slice(0, at)}<mark>{text.slice(at, at + span.length)}</mark>{text.slice(at + span.length)}</>;
}

export function FindingCard({ finding: f, context }: { finding: ReviewFinding; context: StoredUtterance[] }) {
  const [comment, setComment] = useState(f.mark?.comment ?? '');
  const [verdict, setVerdict] = useState<Verdict | null>(f.mark?.verdict ?? null);
  const busy = useReview((s) => s.busy);
  const saved = useReview((s) => s.savedFindingId === f.id);
  const save = (v: Verdict) => {
    setVerdict(v);
    void markFinding(f.id, v, comment);
  };
  return (
    <article className={`finding ${f.kind}`} aria-label={`${clock(f.atMs)} ${behaviourName(f.behaviour)}`}>
      <header>
        <span className="time">{clock(f.atMs)}</span>
        <strong>{behaviourName(f.behaviour)}</strong>
        <span className={`severity ${f.severity}`}>{f.severity}</span>
        <span className="source">{f.source === 'timing' ? T.timingSource : T.textSource}</span>
        <code className="rule">{f.ruleId}</code>
      </header>
      <p className="tip">{f.tip}</p>
      <p className="tip-state">
        {f.shown ? T.tipShown : T.tipHeld} · {f.acknowledged ? T.acknowledged : T.notAcknowledged}
      </p>
      <div className="context">
        <h4>{T.wordsAround}</h4>
        {context.length === 0 ? <p className="muted">{T.noWords}</p> : (
          <ul>
            {context.map((u) => (
              <li key={u.id}>
                <span className="time">{clock(u.startMs)}</span>{' '}
                {u.text === null ? <em className="muted">{T.wordsGone}</em> : <Highlighted text={u.text} span={f.span?.text ?? null} />}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="mark" role="group" aria-label="Beoordeling">
        <button type="button" className={verdict === 'right' ? 'verdict right selected' : 'verdict right'} aria-pressed={verdict === 'right'} disabled={busy} onClick={() => save('right')}>{T.markRight}</button>
        <button type="button" className={verdict === 'wrong' ? 'verdict wrong selected' : 'verdict wrong'} aria-pressed={verdict === 'wrong'} disabled={busy} onClick={() => save('wrong')}>{T.markWrong}</button>
        <label className="comment">
          {T.comment}
          <input type="text" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button type="button" disabled={busy || verdict === null} onClick={() => verdict && save(verdict)}>{T.save}</button>
        {f.mark && <button type="button" className="link" disabled={busy} onClick={() => { setVerdict(null); setComment(''); void markFinding(f.id, null, ''); }}>{T.clear}</button>}
        {f.mark && <span className="marked-by">{T.markedBy(f.mark.verdict, f.mark.supervisor)}{saved ? ` · ${T.saved}` : ''}</span>}
      </div>
    </article>
  );
}
