// The shapes the review API returns live in main/contracts/review-api.ts, shared with both
// review servers; this file adds what only the page needs.
export type {
  CallDetail, CallPage, CallSummary, FindingId, Mark, ReviewFinding, StoredUtterance, TrendSeries, Trends, Verdict,
} from '../../main/contracts/review-api.ts';

export interface SessionInfo {
  username: string;
  csrfToken: string;
}

/** Filters as the list screen holds them: dates as YYYY-MM-DD, empty string = no filter. */
export interface ListFilters {
  from: string;
  to: string;
  agent: string;
  behaviour: string;
}
