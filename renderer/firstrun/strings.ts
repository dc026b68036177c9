// Every text of the first-run and settings page, in one place (Dutch: the agents' language).
// The privacy notice says what is captured, what is stored and what is never done, in plain words,
// and matches DESIGN.md (Privacy and law). No words about emotions: Klachtcoach infers none.
import manifest from '../../models/manifest.json';

export const STRINGS = {
  title: 'Welkom bij Klachtcoach',
  titleSettings: 'Instellingen en privacy',
  intro: 'Klachtcoach geeft u tijdens klachtgesprekken één korte tip tegelijk. Vier stappen, dan bent u klaar.',
  noBridge: 'U bekijkt deze pagina in een gewone browser. Modeldownload en koppelen werken alleen in de Klachtcoach-app.',

  privacyHeading: '1. Wat er met geluid gebeurt',
  captured: 'Wat Klachtcoach gebruikt',
  capturedItems: [
    'Uw eigen microfoon, alleen tijdens een gesprek dat u zelf start.',
    'Het geluid van de klant alleen als u dat per gesprek aanzet, en dan alleen om te zien wie wanneer praat.',
    'Alles wordt op deze computer verwerkt.',
  ],
  stored: 'Wat wordt bewaard',
  storedItems: [
    'Tips en gemarkeerde momenten: 90 dagen.',
    'Korte stukjes tekst van uw eigen woorden rond een tip: 30 dagen.',
    'Alleen als uw organisatie dat heeft aangezet, ziet een leidinggevende gemarkeerde momenten; nooit het hele gesprek.',
    'U kunt uw gegevens inzien, exporteren en laten verwijderen.',
  ],
  never: 'Wat nooit gebeurt',
  neverItems: [
    'Er wordt geen geluid opgeslagen.',
    'De klant wordt niet uitgeschreven.',
    'Klachtcoach leidt niets af over gevoelens of stemming, niet van u en niet van de klant.',
    'Uw tablet krijgt alleen tips, nooit wat er gezegd is.',
  ],
  pauseNote: 'Pauze (in de overlay, het systeemvak of met Ctrl+Alt+P) stopt de opname direct.',
  privacyAccept: 'Ik heb dit gelezen',

  micHeading: '2. Microfoon',
  micExplain: 'Kies de microfoon van uw headset. Met een headset hoort Klachtcoach de klant niet via uw luidsprekers.',
  micAllow: 'Microfoon toestaan en testen',
  micDenied: 'De microfoon is geweigerd. Sta hem toe in de instellingen van uw systeem en probeer het opnieuw.',
  micError: 'De microfoon werkt niet:',
  micDevice: 'Microfoon',
  micDefault: 'Standaardmicrofoon van het systeem',
  micLevel: 'Geluidsniveau: praat even om te testen',
  micStop: 'Test stoppen',

  modelHeading: '3. Spraakmodel',
  modelExplain: 'Het spraakmodel zet uw eigen woorden op deze computer om in tekst. Het wordt één keer gedownload.',
  // Says what the app's download really checks (main/app/engine/model-download-args.ts, models/README.md).
  modelVerified: 'Het model komt van Hugging Face (Whisper, onnx-community) of van de interne server die je beheerder heeft ingesteld. Klachtcoach installeert precies de versie die erin is vastgelegd en controleert de modelbestanden vóór installatie met de SHA-256-controlesommen die in Klachtcoach zelf staan. Klopt een bestand niet, dan wordt niets geïnstalleerd.',
  modelUnpinned: 'Nog niet hier te downloaden: voor dit model zijn nog geen controlesommen vastgelegd. Je beheerder kan het installeren.',
  modelWithout: 'Zonder model werken alleen de tips over timing (onderbreken, lang aan het woord).',
  modelDownload: 'Downloaden',
  modelStarting: 'Download start…',
  modelDownloading: 'Downloaden',
  modelVerifying: 'Controleren',
  modelDone: 'Het spraakmodel is geïnstalleerd.',
  modelFailed: 'De download is mislukt:',
  modelRetry: 'Opnieuw proberen',

  pairHeading: '4. Tablet of telefoon (niet verplicht)',
  pairExplain: 'Op een gekoppelde tablet ziet u de tip groot naast uw scherm. Scan de QR-code met de tablet en keur hem goed op deze computer.',
  pairOpen: 'Tablet koppelen',
  pairOpened: 'Het koppelscherm is geopend.',

  finish: 'Klaar, naar de overlay',
  finishNeedsPrivacy: 'Lees eerst stap 1.',
  done: 'Klaar',
} as const;

export interface ModelChoice {
  name: string;
  label: string;
  detail: string;
  /** False while the manifest pins no SHA-256 for some weight file: the download would be refused. */
  downloadable: boolean;
}

/** Whether every weight (LFS) file of the model has a pinned SHA-256 in models/manifest.json. */
export function weightsPinned(name: string): boolean {
  const model = (manifest.models as Record<string, { files: { sha256?: string | null }[] } | undefined>)[name];
  return model !== undefined && model.files.every((f) => f.sha256 !== null);
}

/** Names from models/manifest.json (`klachtcoach models list`). */
export const MODEL_CHOICES: readonly ModelChoice[] = [
  { name: 'whisper-base', label: 'Whisper base (aanbevolen)', detail: 'kleiner en sneller: geschikt voor de meeste laptops' },
  { name: 'whisper-small', label: 'Whisper small', detail: 'groter en nauwkeuriger: vraagt een snelle computer' },
].map((choice) => ({ ...choice, downloadable: weightsPinned(choice.name) }));
