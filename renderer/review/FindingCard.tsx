// One flagged (or praised) moment: the behaviour and what the tip card said, what happened live
// (shown or held back, "lagere zekerheid", how the agent answered the tip), the agent's words
// around it with the evidence highlighted, the agent's reply, and the supervisor's mark. The rule
// id is secondary detail.
import { useState } from 'react';
import type { ReviewFinding, StoredUtterance, Verdict } from './api-types.ts';
import { LOW_CONFIDENCE } from './contracts.ts';
import { clock, dateTime } from '../shared/format.ts';
import { highlightRanges, pieces } from './highlight.ts';
import { markFinding, useReview } from './review-store.ts';
import { T, behaviourName, liveStory, severityName } from './text.ts';

function Highlighted({ finding, utterance }: { finding: ReviewFinding; utterance: StoredUtterance & { text: string } }) {
  return (
    <>
      {pieces(utterance.text, highlightRanges(finding, utterance)).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
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
  const unsure = f.heldReason === LOW_CONFIDENCE;
  const name = behaviourName(f.behaviour);
  return (
    <article className={`finding ${f.kind}${unsure ? ' unsure' : ''}`} aria-label={`${clock(f.atMs)} ${name}`}>
      <header>
        <span className="time">{clock(f.atMs)}</span>
        <strong>{name}</strong>
        {unsure && <span className="badge unsure" data-testid="low-confidence">{T.lowConfidence}</span>}
        <span className={`severity ${f.severity}`}>{T.severity}: {severityName(f.severity)}</span>
        <span className="source">{f.source === 'timing' ? T.timingSource : T.textSource}</span>
      </header>
      {f.headline ? (
        <p className="card-words"><span className="muted">{T.cardWords}:</span> <strong>{f.headline}</strong>{f.say && <> · <q>{f.say}</q></>}</p>
      ) : (
        <p className="tip">{f.tip}</p>
      )}
      <p className="tip-state" data-testid="live-story">{liveStory(f)}</p>
      <div className="context">
        <h4>{T.wordsAround}</h4>
        {context.length === 0 ? <p className="muted">{T.noWords}</p> : (
          <ul>
            {context.map((u) => (
              <li key={u.id}>
                <span className="time">{clock(u.startMs)}</span>{' '}
                {u.text === null ? <em className="muted">{T.wordsGone}</em> : <Highlighted finding={f} utterance={{ ...u, text: u.text }} />}
              </li>
            ))}
          </ul>
        )}
      </div>
      {f.reply && (
        <blockquote className="reply" data-testid="agent-reply">
          <span className="muted">{T.agentReply} ({dateTime(f.reply.atMs)}):</span> {f.reply.text}
        </blockquote>
      )}
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
      <p className="rule-id">{T.rule} <code>{f.ruleId}</code></p>
    </article>
  );
}
