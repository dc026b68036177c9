// The Oefenen page: pick a scenario, talk (type) with the customer, see the coach's tip as on a
// real call, and the score card at the end. One glance: the customer's last line, your answer box,
// at most one tip.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TipCard } from '../shared/TipCard.tsx';
import { tipView } from '../shared/tip-view.ts';
import type { ScoreCard } from '../../../main/contracts/practice-api.ts';
import { compareWithEarlier } from './earlier-attempts.ts';
import {
  chooseScenario, dismissTip, hangUp, say, setAnswerBy, setExamen, startRound, stayedSilent, voiceMessage,
  type PracticeActions, type PracticeStore,
} from './practice-store.ts';

interface Props {
  store: PracticeStore;
  actions: PracticeActions;
}

export function PracticeApp({ store, actions }: Props) {
  const scenario = useStore(store, (s) => s.scenario);
  const roundId = useStore(store, (s) => s.roundId);
  const card = useStore(store, (s) => s.card);
  const error = useStore(store, (s) => s.error);
  return (
    <main className="practice">
      <header className="practice__head">
        <h1>Oefenen</h1>
        {scenario && <p className="practice__title">{scenario.title}</p>}
      </header>
      {error && <p className="practice__error" role="alert">{error}</p>}
      {card ? <ScoreCardView card={card} store={store} actions={actions} />
        : roundId ? <Round store={store} actions={actions} />
          : scenario ? <Briefing store={store} actions={actions} />
            : <ScenarioList store={store} />}
    </main>
  );
}

function ScenarioList({ store }: { store: PracticeStore }) {
  const scenarios = useStore(store, (s) => s.scenarios);
  return (
    <section aria-label="Kies een gesprek" className="practice__list">
      <p className="practice__lead">Kies een klant om mee te oefenen.</p>
      {scenarios.map((s) => (
        <button key={s.id} type="button" className="practice__pick" onClick={() => chooseScenario(store, s)}>
          <strong>{s.title}</strong>
          <span>{s.persona}</span>
        </button>
      ))}
    </section>
  );
}

function Briefing({ store, actions }: { store: PracticeStore; actions: PracticeActions }) {
  const scenario = useStore(store, (s) => s.scenario)!;
  const examen = useStore(store, (s) => s.examen);
  const busy = useStore(store, (s) => s.busy);
  return (
    <section className="practice__briefing" aria-label="Voor je begint">
      <p><strong>De klant:</strong> {scenario.persona}</p>
      <p><strong>Wat er speelt:</strong> {scenario.situation}</p>
      <p><strong>Je oefent:</strong> {scenario.goals.map((g) => g.name).join(', ')}.</p>
      <p data-testid="voice-label">{actions.voiceLabel(scenario)}</p>
      <AnswerChoice store={store} />
      <label className="practice__examen">
        <input type="checkbox" checked={examen} onChange={(e) => setExamen(store, e.target.checked)} />
        Examen: geen tips tijdens het gesprek
      </label>
      <div className="practice__row">
        <button type="button" className="practice__primary" disabled={busy} onClick={() => void startRound(store, actions)}>Begin het gesprek</button>
        <button type="button" className="practice__secondary" onClick={() => chooseScenario(store, null)}>Andere klant</button>
      </div>
    </section>
  );
}

function AnswerChoice({ store }: { store: PracticeStore }) {
  const voice = useStore(store, (s) => s.voice);
  const answerBy = useStore(store, (s) => s.answerBy);
  if (!voice?.available) {
    return <p className="practice__lead" data-testid="answer-by">Je antwoordt door te typen: er is geen spraakmodel geïnstalleerd.</p>;
  }
  return (
    <fieldset className="practice__answer-by" data-testid="answer-by">
      <legend>Hoe antwoord je?</legend>
      <label><input type="radio" name="answer-by" checked={answerBy === 'voice'} onChange={() => setAnswerBy(store, 'voice')} /> Met je stem (microfoon, gebruik een headset)</label>
      <label><input type="radio" name="answer-by" checked={answerBy === 'typing'} onChange={() => setAnswerBy(store, 'typing')} /> Typen</label>
    </fieldset>
  );
}

function Round({ store, actions }: Props) {
  const scenario = useStore(store, (s) => s.scenario);
  const roundId = useStore(store, (s) => s.roundId);
  const answerBy = useStore(store, (s) => s.answerBy);
  const traineeSpeaking = useStore(store, (s) => s.traineeSpeaking);
  const customerVoice = useStore(store, (s) => s.customerVoice);
  const lines = useStore(store, (s) => s.lines);
  const tip = useStore(store, (s) => s.tip);
  const busy = useStore(store, (s) => s.busy);
  const examen = useStore(store, (s) => s.examen);
  const speakingUntil = useStore(store, (s) => s.customerSpeakingUntilMs);
  const silenceMs = useStore(store, (s) => s.silenceMs);
  const [text, setText] = useState('');
  const [, rerender] = useState(0);
  const speaking = actions.now() < speakingUntil;
  const last = lines.filter((l) => l.who === 'klant').at(-1);

  // Re-render when the customer stops talking, so the light goes out.
  useEffect(() => {
    const left = speakingUntil - actions.now();
    if (left <= 0) return undefined;
    const t = setTimeout(() => rerender((n) => n + 1), left);
    return () => clearTimeout(t);
  }, [speakingUntil, actions]);
  // Long silence after the customer finished (nothing typed or said): the customer presses on.
  useEffect(() => {
    if (text.trim() || busy || traineeSpeaking) return undefined;
    const t = setTimeout(() => void stayedSilent(store, actions), Math.max(0, speakingUntil - actions.now()) + silenceMs);
    return () => clearTimeout(t);
  }, [text, busy, traineeSpeaking, speakingUntil, silenceMs, store, actions]);
  // Answering by voice: the microphone is open for the whole round, closed when it ends.
  const [micProblem, setMicProblem] = useState<string | null>(null);
  useEffect(() => {
    if (answerBy !== 'voice' || !roundId) return undefined;
    let stopped = false;
    const opened = actions.startVoice(roundId, (m) => voiceMessage(store, actions, m));
    opened.then((v) => { if (stopped) void v.stop(); }, (err: unknown) => setMicProblem(`De microfoon ging niet aan (${(err as Error).message}). Typ je antwoord.`));
    return () => {
      stopped = true;
      void opened.then((v) => v.stop(), () => undefined);
    };
  }, [answerBy, roundId, store, actions]);
  const byVoice = answerBy === 'voice' && !micProblem;

  const send = (): void => {
    const said = text;
    setText('');
    void say(store, actions, said);
  };
  return (
    <section className="practice__round" aria-label="Gesprek">
      <p className="practice__mode">{examen ? 'Examen: geen tips' : 'Oefenen: de coach helpt je'} · {scenario && actions.voiceLabel(scenario)}</p>
      <div className={`practice__customer${speaking ? ' practice__customer--speaking' : ''}`} data-testid="customer-line" data-voice={customerVoice ?? ''} aria-live="polite">
        <span className="practice__who">{speaking ? 'De klant praat…' : 'De klant'}</span>
        <p>{last?.text}</p>
      </div>
      {tip && <TipCard view={tipView(tip, 'nl', null)} lang="nl" size="large" onAck={() => dismissTip(store)} />}
      {micProblem && <p className="practice__error" role="alert">{micProblem}</p>}
      {byVoice && (
        <p className={`practice__mic${traineeSpeaking ? ' practice__mic--on' : ''}`} data-testid="mic" data-speaking={traineeSpeaking ? 'yes' : 'no'}>
          {traineeSpeaking ? 'Je praat…' : 'Je microfoon staat aan: zeg je antwoord. De klant wacht tot je klaar bent.'}
        </p>
      )}
      {!byVoice && <form className="practice__answer" onSubmit={(e) => { e.preventDefault(); send(); }}>
        <label htmlFor="answer">Jouw antwoord</label>
        <textarea id="answer" value={text} rows={3} onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); } }} />
        <button type="submit" className="practice__primary practice__send" disabled={busy || !text.trim()}>Zeg het</button>
      </form>}
      <div className="practice__row">
        <button type="button" className="practice__secondary" onClick={() => void hangUp(store, actions)}>Ophangen</button>
      </div>
      <details className="practice__history">
        <summary>Het gesprek tot nu toe</summary>
        <ol>{lines.map((l, i) => <li key={i}><strong>{l.who === 'jij' ? 'Jij' : 'Klant'}:</strong> {l.text || '(stilte)'}</li>)}</ol>
      </details>
    </section>
  );
}

function ScoreCardView({ card, store, actions }: { card: ScoreCard; store: PracticeStore; actions: PracticeActions }) {
  const share = card.talkShare === null ? 'niemand sprak' : `${Math.round(card.talkShare * 100)} %`;
  const ended = card.endReason === 'customer' ? 'De klant rondde het gesprek af.' : card.endReason === 'stopped' ? 'Je hing op.' : 'De tijd voor deze ronde was om.';
  // The customer's closing line arrives with the card, which replaces the conversation: without a
  // voice (or with the sound off) it would never be read, so the card quotes it.
  const closing = useStore(store, (s) => s.lines.at(-1));
  return (
    <section className="practice__card" aria-label="Jouw score" data-testid="score-card">
      <h2>Zo ging het{card.examen ? ' (examen)' : ''}</h2>
      <p>{ended}</p>
      {card.endReason === 'customer' && closing?.who === 'klant' && closing.text && (
        <blockquote className="practice__closing" data-testid="closing-line">Klant: “{closing.text}”</blockquote>
      )}
      <ul className="practice__goals">
        {card.goals.map((g) => (
          <li key={g.behaviour} className={g.shown ? 'practice__goal--shown' : 'practice__goal--missed'} data-testid={`goal-${g.behaviour}`}>
            <strong>{g.shown ? '✓ Gedaan' : '✗ Gemist'}: {g.name}</strong>
            {g.moments.map((m) => <blockquote key={`${m.turn}-${m.ruleId}`}>Beurt {m.turn}: “{m.words}”</blockquote>)}
          </li>
        ))}
      </ul>
      {card.slips.length > 0 && (
        <>
          <h3>Dit kan beter</h3>
          <ul className="practice__slips">
            {card.slips.map((s) => (
              <li key={s.behaviour} data-testid={`slip-${s.behaviour}`}>
                <strong>{s.name}</strong>
                {s.moments.map((m) => <blockquote key={`${m.turn}-${m.ruleId}`}>Beurt {m.turn}: {m.words ? `“${m.words}”` : '(je viel de klant in de rede)'}<br /><em>{m.tip}</em></blockquote>)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p data-testid="talk-facts">Jouw spreektijd: {share} · Klant onderbroken: {card.interruptions}×</p>
      <EarlierAttempts card={card} store={store} />
      <div className="practice__row">
        <button type="button" className="practice__primary" onClick={() => void startRound(store, actions)}>Nog een keer</button>
        <button type="button" className="practice__secondary" onClick={() => chooseScenario(store, null)}>Andere klant</button>
      </div>
    </section>
  );
}

function EarlierAttempts({ card, store }: { card: ScoreCard; store: PracticeStore }) {
  const earlier = useStore(store, (s) => s.earlier);
  // Rounds that are not stored (--no-store) have nothing to compare with.
  if (earlier === null) return null;
  const comparison = compareWithEarlier(card, earlier);
  return (
    <section className="practice__earlier" aria-label="Eerdere pogingen" data-testid="earlier">
      <h3>Vergeleken met eerder</h3>
      <p>{comparison.verdict}</p>
      {comparison.rows.length > 0 && (
        <table>
          <thead><tr><th scope="col">Wanneer</th><th scope="col">Doelen</th><th scope="col">Onderbroken</th><th scope="col">Spreektijd</th></tr></thead>
          <tbody>
            {comparison.rows.map((r) => (
              <tr key={r.key} className={r.now ? 'practice__earlier--now' : undefined}>
                <td>{r.when}</td><td>{r.goals}</td><td>{r.interruptions}</td><td>{r.share}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
