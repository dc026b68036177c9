// "Mijn momenten": the agent's own flagged moments of recent calls and, when the organisation lets
// the agent choose, a Delen / Niet delen choice per moment; on top, the sync state.
import { useCallback, useEffect, useState } from 'react';
import { chooseShare, loadMine, type MineReply, type Moment } from './mine-api.ts';
import { syncLine } from './sync-line.ts';

const REFRESH_MS = 5_000;

function when(m: Moment): string {
  const d = new Date(m.callStartedAtMs + m.atMs);
  return d.toLocaleString('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function behaviourName(id: string): string {
  return id.replace(/_/g, ' ');
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

  const choose = async (m: Moment, share: boolean): Promise<void> => {
    if (!auth) return;
    const key = `${m.callId}/${m.findingId}`;
    setBusy(key);
    try {
      setData(await chooseShare(auth, m, share));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
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
            ? 'Uw organisatie laat u kiezen: alleen wat u deelt, ziet uw leidinggevende.'
            : data.sync.enrolled ? 'Uw organisatie deelt elk gemarkeerd moment met uw leidinggevende.' : 'Alleen u ziet deze momenten.'}
        </p>
      )}
      {data && data.moments.length === 0 && <p className="empty">Geen gemarkeerde momenten in de afgelopen twee weken.</p>}
      <ul className="moments">
        {data?.moments.map((m) => {
          const key = `${m.callId}/${m.findingId}`;
          return (
            <li key={key} className={m.shared ? 'moment shared' : 'moment'} data-testid="moment">
              <div className="meta"><span className="behaviour">{behaviourName(m.behaviour)}</span> <time>{when(m)}</time></div>
              {m.words && <blockquote>“{m.words}”</blockquote>}
              <p className="tip">{m.tip}</p>
              {data.canChoose && (
                <div className="choice">
                  <span className="state">{m.shared ? 'Gedeeld' : 'Niet gedeeld'}</span>
                  <button type="button" disabled={busy === key} onClick={() => void choose(m, !m.shared)}>
                    {m.shared ? 'Niet meer delen' : 'Delen'}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
