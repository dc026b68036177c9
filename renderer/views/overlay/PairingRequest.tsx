// A tablet asks to pair: the overlay names it, shows the six digits its screen should show too,
// and lets the agent accept or refuse. Until the agent answers, nothing reaches the tablet.
import { useStore } from 'zustand';
import type { SessionClient } from '../../session-client/types.ts';
import { translate } from '../i18n/strings.ts';
import { pendingRequest, type OverlayStore } from './overlay-store.ts';

export function PairingRequest({ store, client }: { store: OverlayStore; client: SessionClient }) {
  const lang = useStore(store, (s) => s.lang);
  const request = useStore(store, pendingRequest);
  if (!request) return null;
  return (
    <section className="pair-request" role="alertdialog" aria-labelledby="pair-request-title" data-testid="pair-request">
      <h2 id="pair-request-title" className="pair-request__title">{translate(lang, 'pair.request', { name: request.name })}</h2>
      {request.confirmCode && <Compare sentence={translate(lang, 'pair.compare', { code: CODE_SLOT })} code={request.confirmCode} />}
      <div className="pair-request__actions">
        <button type="button" className="pair-request__accept" onClick={() => client.acceptDevice(request.deviceId)}>{translate(lang, 'pair.accept')}</button>
        <button type="button" className="pair-request__refuse" onClick={() => client.refuseDevice(request.deviceId)}>{translate(lang, 'pair.refuse')}</button>
      </div>
    </section>
  );
}

const CODE_SLOT = '\u0000';

/** The sentence with the six digits in bold, where the translation puts them. */
function Compare({ sentence, code }: { sentence: string; code: string }) {
  const [before, after] = sentence.split(CODE_SLOT);
  return (
    <p className="pair-request__compare">
      {before}<strong className="pair-request__code">{code}</strong>{after}
    </p>
  );
}
