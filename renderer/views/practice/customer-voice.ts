// The customer's voice, in this order: the trainer's recording of the line (the scenario folder
// has one), else the browser's Dutch speechSynthesis voice, else the line as text only. The page
// says plainly which one is in use; the line is always shown as text too.
import { recordingPath, type CustomerLineView, type ScenarioSummary } from '../../../main/contracts/practice-api.ts';

export type VoiceKind = 'recorded' | 'speech' | 'text';

export function pickDutchVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  return voices.find((v) => v.lang.toLowerCase() === 'nl-nl') ?? voices.find((v) => v.lang.toLowerCase().startsWith('nl')) ?? null;
}

export class CustomerVoice {
  private synthVoice: SpeechSynthesisVoice | null = null;

  /** `audio` plays recordings (an element on the page); `synth` is absent in some browsers. */
  constructor(private readonly audio: HTMLAudioElement, private readonly synth: SpeechSynthesis | undefined = globalThis.speechSynthesis) {
    const pick = (): void => {
      this.synthVoice = pickDutchVoice(this.synth?.getVoices() ?? []);
    };
    pick();
    // Chromium lists its voices a moment after the page loads.
    this.synth?.addEventListener('voiceschanged', pick);
  }

  /** What a scenario's lines will sound like (for the label before and during the round). */
  kindFor(scenario: ScenarioSummary): VoiceKind {
    if (scenario.recordedLines > 0) return 'recorded';
    return this.synthVoice ? 'speech' : 'text';
  }

  /** Says the line (cutting off the one before); returns how. */
  say(scenarioId: string, line: CustomerLineView): VoiceKind {
    this.hush();
    if (line.recorded) {
      this.audio.src = recordingPath(scenarioId, line.lineId);
      void this.audio.play().catch(() => undefined);
      return 'recorded';
    }
    if (!this.synthVoice || !this.synth) return 'text';
    const utterance = new SpeechSynthesisUtterance(line.text);
    utterance.voice = this.synthVoice;
    utterance.lang = this.synthVoice.lang;
    this.synth.speak(utterance);
    return 'speech';
  }

  /** The trainee talked over the customer: the customer stops. */
  hush(): void {
    if (!this.audio.paused) this.audio.pause();
    this.synth?.cancel();
  }

  label(scenario: ScenarioSummary): string {
    const kind = this.kindFor(scenario);
    const rest = this.synthVoice ? `de voorleesstem "${this.synthVoice.name}"` : 'tekst';
    if (kind === 'recorded') {
      const n = scenario.recordedLines;
      return `De klant spreekt met ingesproken zinnen van je trainer (${n} ${n === 1 ? 'zin' : 'zinnen'}; de rest als ${rest}).`;
    }
    return kind === 'speech'
      ? `De klant spreekt met de Nederlandse voorleesstem "${this.synthVoice!.name}" en staat hieronder ook als tekst.`
      : 'Deze browser heeft geen Nederlandse voorleesstem: je leest wat de klant zegt als tekst.';
  }
}
