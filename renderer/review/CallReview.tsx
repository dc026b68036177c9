// One call: header facts, a timeline strip with the agent's utterances and the flagged moments,
// then one card per finding with the agent's words around it and the mark controls.
import { useReview, routeHash } from './review-store.ts';
import { dateTime, percent } from '../shared/format.ts';
import { callDuration, T } from './text.ts';
import { Timeline, timelineSpanMs } from './Timeline.tsx';
import { TurnBars } from '../views/shared/TurnBars.tsx';
import { FindingCard } from './FindingCard.tsx';

export function CallReview() {
  const detail = useReview((s) => s.detail);
  if (!detail) return <p aria-busy="true">…</p>;
  const { call, utterances, findings } = detail;
  const byId = new Map(utterances.map((u) => [u.id, u]));
  return (
    <section aria-labelledby="call-title">
      <a href={routeHash({ name: 'list' })}>{T.back}</a>
      <h2 id="call-title">{call.agentId} · {dateTime(call.startedAtMs)}</h2>
      <dl className="facts">
        <div><dt>{T.duration}</dt><dd>{callDuration(call)}</dd></div>
        <div><dt>{T.talkShare}</dt><dd>{percent(call.agentTalkShare) ?? '–'}</dd></div>
        <div><dt>{T.flags}</dt><dd>{call.flags}</dd></div>
        <div><dt>{T.praise}</dt><dd>{call.praise}</dd></div>
        {call.lowConfidence !== undefined && <div><dt>{T.lowConfidenceCount}</dt><dd>{call.lowConfidence}</dd></div>}
      </dl>
      <h3>{T.timeline}</h3>
      <Timeline detail={detail} />
      {detail.turns.length > 0 && (
        <section aria-label={T.turnsTitle}>
          <h4>{T.turnsTitle}</h4>
          <TurnBars turns={detail.turns} durationMs={timelineSpanMs(detail)} text={T.turns} />
        </section>
      )}
      <ol className="findings">
        {findings.map((f) => (
          <li key={f.id} id={`finding-${f.id}`}>
            <FindingCard finding={f} context={f.contextUtteranceIds.map((id) => byId.get(id)).filter((u) => u !== undefined)} />
          </li>
        ))}
      </ol>
    </section>
  );
}
