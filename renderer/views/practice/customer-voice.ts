// The customer's voice: the browser's Dutch speech synthesis when it has a Dutch voice, otherwise
// the line as text only. The page says plainly which one is in use.
export type VoiceChoice = { kind: 'speech'; voice: SpeechSynthesisVoice } | { kind: 'text' };

export function pickDutchVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  return voices.find((v) => v.lang.toLowerCase() === 'nl-nl') ?? voices.find((v) => v.lang.toLowerCase().startsWith('nl')) ?? null;
}

export function chooseVoice(): VoiceChoice {
  if (typeof speechSynthesis === 'undefined') return { kind: 'text' };
  const voice = pickDutchVoice(speechSynthesis.getVoices());
  return voice ? { kind: 'speech', voice } : { kind: 'text' };
}

/** Speaks the line (cutting off the one before); does nothing in text mode. */
export function speakLine(choice: VoiceChoice, text: string): void {
  if (choice.kind !== 'speech') return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = choice.voice;
  utterance.lang = choice.voice.lang;
  speechSynthesis.speak(utterance);
}

/** The trainee talked over the customer: the customer stops. */
export function hush(choice: VoiceChoice): void {
  if (choice.kind === 'speech') speechSynthesis.cancel();
}

export function voiceLabel(choice: VoiceChoice): string {
  return choice.kind === 'speech'
    ? `De klant spreekt met de Nederlandse voorleesstem "${choice.voice.name}" en staat hieronder ook als tekst.`
    : 'Deze browser heeft geen Nederlandse voorleesstem: je leest wat de klant zegt als tekst.';
}
