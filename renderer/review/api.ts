// Calls to the review API. URLs are relative, so the page works wherever the handler is mounted
// ('/' standalone, '/review/' inside the session server). Writes carry the CSRF token the server
// gave at sign-in.
import type { CallDetail, CallPage, FindingId, ListFilters, SessionInfo, Trends, Verdict } from './api-types.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, `onverwacht antwoord van de server (${res.status})`);
  }
  if (!res.ok) {
    const message = (json as { error?: unknown } | null)?.error;
    throw new ApiError(res.status, typeof message === 'string' ? message : `serverfout ${res.status}`);
  }
  return json as T;
}

export function filterQuery(filters: ListFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const q = params.toString();
  return q ? `?${q}` : '';
}

export const api = {
  session: () => request<SessionInfo>('GET', 'api/session'),
  signIn: (username: string, password: string) => request<SessionInfo>('POST', 'api/session', { username, password }),
  signOut: () => request<{ ok: true }>('DELETE', 'api/session'),
  calls: (filters: ListFilters, offset: number) => request<CallPage>('GET', `api/calls${filterQuery(filters, { offset: String(offset) })}`),
  agents: () => request<string[]>('GET', 'api/agents'),
  call: (id: string) => request<CallDetail>('GET', `api/calls/${encodeURIComponent(id)}`),
  mark: (findingId: FindingId, verdict: Verdict, comment: string) => request<{ ok: true }>('PUT', `api/findings/${findingId}/mark`, { verdict, comment }),
  clearMark: (findingId: FindingId) => request<{ ok: true }>('DELETE', `api/findings/${findingId}/mark`),
  trends: (weeks: number, agent: string) => request<Trends>('GET', `api/trends${filterQuery({ from: '', to: '', agent, behaviour: '' }, { weeks: String(weeks) })}`),
  // A download link cannot send headers, so the export carries the CSRF token in its query.
  csvUrl: (filters: ListFilters) => `api/export.csv${filterQuery(filters, { csrf: csrfToken })}`,
};
