// Entry of a training thread (main/scorer/train-jobs.ts): registers tsx so the thread can load
// the TypeScript trainer, then trains one job per message.
import { register } from 'tsx/esm/api';

register();
await import('./train-worker-loop.ts');
