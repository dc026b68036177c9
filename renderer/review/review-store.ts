// The review page's one vanilla zustand store, and the actions that change it. Components read it
// through narrow selectors (useReview); actions are plain functions so tests and event handlers
// call them directly. Routes live in the URL hash so the back button and reloads work.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { api, ApiError, setCsrfToken } from './api.ts';
import type { CallDetail, CallPage, FindingId, ListFilters, Trends, Verdict } from './api-types.ts';
import { T } from './text.ts';

export type Route = { name: 'list' } | { name: 'call'; id: string } | { name: 'trends' };

export interface ReviewState {
  /** undefined while the page asks the server whether a session exists. */
  user: string | null | undefined;
  route: Route;
  filters: ListFilters;
  offset: number;
  page: CallPage | null;
  agents: string[];
  detail: CallDetail | null;
  trends: Trends | null;
  trendWeeks: number;
  error: string | null;
  busy: boolean;
  /** Finding id → message after a mark was saved, for a short confirmation. */
  savedFindingId: FindingId | null;
}

export const PAGE_SIZE = 50;

const initialState = (): ReviewState => ({
  user: undefined,
  route: { name: 'list' },
  filters: { from: '', to: '', agent: '', behaviour: '' },
  offset: 0,
  page: null,
  agents: [],
  detail: null,
  trends: null,
  trendWeeks: 12,
  error: null,
  busy: false,
  savedFindingId: null,
});

export const reviewStore = createStore<ReviewState>()(initialState);

export function useReview<T>(selector: (s: ReviewState) => T): T {
  return useStore(reviewStore, selector);
}

const set = reviewStore.setState;
const get = reviewStore.getState;

export function parseRoute(hash: string): Route {
  const call = /^#\/gesprek\/(.+)$/.exec(hash);
  if (call) return { name: 'call', id: decodeURIComponent(call[1]!) };
  if (hash === '#/trends') return { name: 'trends' };
  return { name: 'list' };
}

export function routeHash(route: Route): string {
  if (route.name === 'call') return `#/gesprek/${encodeURIComponent(route.id)}`;
  return route.name === 'trends' ? '#/trends' : '#/';
}

/** Runs an API call with the busy flag and turns failures into a message (401 → sign-in screen). */
async function guarded(work: () => Promise<void>): Promise<void> {
  set({ busy: true, error: null });
  try {
    await work();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && get().user) {
      set({ user: null, error: T.sessionExpired });
    } else {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  } finally {
    set({ busy: false });
  }
}

export async function start(hash: string): Promise<void> {
  try {
    const session = await api.session();
    setCsrfToken(session.csrfToken);
    set({ user: session.username });
    await navigate(parseRoute(hash));
  } catch {
    set({ user: null });
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  set({ busy: true, error: null });
  try {
    const session = await api.signIn(username, password);
    setCsrfToken(session.csrfToken);
    set({ user: session.username, busy: false });
    await navigate(get().route);
  } catch (err) {
    set({ busy: false, error: err instanceof Error ? err.message : String(err) });
  }
}

export async function signOut(): Promise<void> {
  await guarded(async () => {
    await api.signOut();
    setCsrfToken('');
    reviewStore.setState({ ...initialState(), user: null });
  });
}

export async function navigate(route: Route): Promise<void> {
  set({ route, error: null });
  if (route.name === 'list') await loadList();
  else if (route.name === 'call') await loadCall(route.id);
  else await loadTrends();
}

export async function loadList(): Promise<void> {
  await guarded(async () => {
    const [page, agents] = await Promise.all([api.calls(get().filters, get().offset), api.agents()]);
    set({ page, agents });
  });
}

export async function setFilters(patch: Partial<ListFilters>): Promise<void> {
  set({ filters: { ...get().filters, ...patch }, offset: 0 });
  await loadList();
}

export async function setOffset(offset: number): Promise<void> {
  set({ offset: Math.max(0, offset) });
  await loadList();
}

export async function loadCall(id: string): Promise<void> {
  set({ detail: null, savedFindingId: null });
  await guarded(async () => {
    set({ detail: await api.call(id) });
  });
}

export async function markFinding(findingId: FindingId, verdict: Verdict | null, comment: string): Promise<void> {
  const detail = get().detail;
  if (!detail) return;
  await guarded(async () => {
    if (verdict === null) await api.clearMark(findingId);
    else await api.mark(findingId, verdict, comment);
    set({ detail: await api.call(detail.call.id), savedFindingId: findingId });
  });
}

export async function loadTrends(weeks = get().trendWeeks): Promise<void> {
  set({ trendWeeks: weeks });
  await guarded(async () => {
    const [trends, agents] = await Promise.all([api.trends(weeks, get().filters.agent), api.agents()]);
    set({ trends, agents });
  });
}

/** The trends and the list share the agent filter, so switching screens keeps one focus. */
export async function setTrendAgent(agent: string): Promise<void> {
  set({ filters: { ...get().filters, agent }, offset: 0 });
  await loadTrends();
}

/** For tests: back to the first state. */
export function resetReviewStore(): void {
  reviewStore.setState(initialState(), true);
}
