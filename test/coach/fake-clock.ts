// A clock tests move by hand: timers fire, in order, only inside advance().
export { ManualClock as FakeClock } from '../../main/coach/manual-clock.ts';
