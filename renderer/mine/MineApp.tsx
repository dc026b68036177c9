// "Mijn momenten": the agent's own moments of recent calls, flags and praise alike, each with what
// the tip card said, whether it was shown live (and how the agent answered it), the supervisor's
// verdict, and the agent's own reply to a flag. When the organisation lets the agent choose, a
// Delen / Niet meer delen choice per flag; on top, the sync state. Addresses the agent as "je".
import { useCallback, useEffect, useState } from 'react';
import { behaviourLabel } from '../../main/contracts/behaviours.ts';
import { MAX_AGENT_REPLY_CHARS as MAX_REPLY_CHARS } from '../../main/contracts/review-api.ts';
import { clock, dateTime } from '../shared/format.ts';
import { notShownLine } from '../shared/held-reasons.ts';
import { chooseShare, loadMine, sendReply, type MineReply, type Moment } from './mine-api.ts';
import { syncLine } from './sync-line.ts';

const REFRESH_MS = 5_000;

const keyOf = (m: Moment): string => `${m.callId}/${m.findingId}`;

/** What happened live, in one line: shown or not (and why), and how the agent answered the tip. */
export function liveLine(m: Moment): string {
  if (m.lowConfidence) return 'Niet live getoond: lagere zekerheid';
  if (!m.shown) return notShownLine(m.heldReason);
  return m.tipOutcome ? `Live getoond · ${OUTCOMES[m.tipOutcome]}` : 'Live getoond';
}

/** How a shown tip left the screen, said to the agent. */
const OUTCOMES: Record<NonNullable<Moment['tipOutcome']>, string> = {
  acknowledged: 'je koos Begrepen', dismissed: 'je koos Niet nu', expired: 'verdween zonder reactie', replaced: 'vervangen door een andere tip',
};

function verdictLine(m: Moment): string {
  if (!m.verdict) return 'Nog niet beoordeeld door je leidinggevende';
  const word = m.verdict.verdict === 'right' ? 'terecht' : 'onterecht';
  return `${m.verdict.supervisor || 'Je leidinggevende'} vond dit ${word}${m.verdict.comment ? `: “${m.verdict.comment}”` : ''}`;
}

export function MineApp({ auth }: { auth: string | null }): React.JSX.Element {
  const [data, setData] = useState<MineReply | null>(null);
  const [error, setError] = useState<string | null>(auth ? null : 'Open deze pagina via de link van de coach (klachtcoach serve): zonder die sleutel is er geen toegang.');
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!auth) return;
    try {
      setData(await loadMine(auth));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [auth]);

  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  /** Runs a change for one moment; the reply of the API is the new page state. */
  const change = async (m: Moment, work: (auth: string) => Promise<MineReply>): Promise<boolean> => {
    if (!auth) return false;
    setBusy(keyOf(m));
    try {
      setData(await work(auth));
      setError(null);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const line = data ? syncLine(data.sync) : null;
  return (
    <main className="mine">
      <h1>Mijn momenten</h1>
      {line && <p className={`sync sync-${line.tone}`} role="status" data-testid="sync-state">{line.text}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {data && (
        <p className="explain">
          {data.canChoose
            ? 'Je organisatie laat je kiezen: alleen wat je deelt, ziet je leidinggevende.'
            : data.sync.enrolled ? 'Je organisatie deelt elk gemarkeerd moment met je leidinggevende.' : 'Alleen jij ziet deze momenten.'}
        </p>
      )}
      {data && data.moments.length === 0 && <p className="empty">Geen momenten in de afgelopen twee weken.</p>}
      {data && byCall(data.moments).map((call) => (
        <section key={call.callId} className="call" aria-labelledby={`call-${call.callId}`} data-testid="call">
          <h2 id={`call-${call.callId}`}>Gesprek van {dateTime(call.startedAtMs)}</h2>
          <ul className="moments">
            {call.moments.map((m) => (
              <li key={keyOf(m)} className={`moment ${m.kind}${m.shared ? ' shared' : ''}`} data-testid="moment" data-kind={m.kind}>
                <MomentCard
                  m={m} canChoose={data.canChoose} busy={busy === keyOf(m)}
                  onShare={(share) => void change(m, (a) => chooseShare(a, m, share))}
                  onReply={(text) => change(m, (a) => sendReply(a, m, text))}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

/** The moments under their call, in the API's order (newest call first, then call time): a day of calls stays readable. */
function byCall(moments: Moment[]): { callId: string; startedAtMs: number; moments: Moment[] }[] {
  const calls = new Map<string, { callId: string; startedAtMs: number; moments: Moment[] }>();
  for (const m of moments) {
    let call = calls.get(m.callId);
    if (!call) calls.set(m.callId, call = { callId: m.callId, startedAtMs: m.callStartedAtMs, moments: [] });
    call.moments.push(m);
  }
  return [...calls.values()];
}

interface CardProps {
  m: Moment;
  canChoose: boolean;
  busy: boolean;
  onShare: (share: boolean) => void;
  onReply: (text: string) => Promise<boolean>;
}

function MomentCard({ m, canChoose, busy, onShare, onReply }: CardProps) {
  const name = behaviourLabel(m.behaviour);
  return (
    <article aria-label={`${m.kind === 'flag' ? 'Aandachtspunt' : 'Goed gedaan'}: ${name}`}>
      <div className="meta">
        <span className="behaviour">{m.kind === 'flag' ? 'Aandachtspunt' : 'Goed gedaan'}: {name}</span>
        <time dateTime={new Date(m.callStartedAtMs + m.atMs).toISOString()}>{clock(m.atMs)}</time>
      </div>
      <p className="tip">{m.headline ?? m.tip}</p>
      {m.say && <p className="say"><q>{m.say}</q></p>}
      {m.words && <blockquote>Jouw woorden: “{m.words}”</blockquote>}
      <p className="facts">
        <span data-testid="live-line">{liveLine(m)}</span>
        <span data-testid="verdict-line">{verdictLine(m)}</span>
      </p>
      {m.kind === 'flag' && <Reply m={m} busy={busy} onReply={onReply} />}
      {canChoose && m.kind === 'flag' && (
        <div className="choice">
          <span className="state">{m.shared ? 'Gedeeld' : 'Niet gedeeld'}</span>
          <button type="button" disabled={busy} onClick={() => onShare(!m.shared)}>
            {m.shared ? 'Niet meer delen' : 'Delen'}
          </button>
        </div>
      )}
    </article>
  );
}

/** The agent's reply to a flag: shown, and written or changed in place. */
function Reply({ m, busy, onReply }: Pick<CardProps, 'm' | 'busy' | 'onReply'>) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.reply?.text ?? '');
  const id = `reply-${m.callId}-${m.findingId}`;
  if (!editing) {
    return (
      <div className="reply">
        {m.reply && <p className="reply-text" data-testid="reply">Jouw reactie: {m.reply.text}</p>}
        <button type="button" className="quiet" disabled={busy} onClick={() => { setText(m.reply?.text ?? ''); setEditing(true); }}>
          {m.reply ? 'Reactie aanpassen' : 'Reageren'}
        </button>
      </div>
    );
  }
  return (
    <form
      className="reply"
      onSubmit={(e) => {
        e.preventDefault();
        void onReply(text).then((saved) => { if (saved) setEditing(false); });
      }}
    >
      <label htmlFor={id}>Jouw reactie voor je leidinggevende</label>
      <textarea id={id} value={text} maxLength={MAX_REPLY_CHARS} rows={3} onChange={(e) => setText(e.target.value)} />
      <div className="reply-buttons">
        <button type="submit" disabled={busy}>Opslaan</button>
        <button type="button" className="quiet" onClick={() => setEditing(false)}>Annuleren</button>
      </div>
    </form>
  );
}
