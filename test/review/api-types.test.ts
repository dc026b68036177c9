// The renderer restates the API's response types (it may not import main/store). These
// assignments fail `tsc` (part of `npm test`) the moment the two drift apart; the runtime check
// only makes the test count.
import { describe, expect, it } from 'vitest';
import type * as Server from '../../main/store/call-detail.ts';
import type * as ServerList from '../../main/store/call-list.ts';
import type * as ServerTrends from '../../main/store/trends.ts';
import type * as View from '../../renderer/review/api-types.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<Server.CallDetail, View.CallDetail>,
  Same<ServerList.CallPage, View.CallPage>,
  Same<ServerTrends.Trends, View.Trends>,
  Same<Server.ReviewFinding, View.ReviewFinding>,
] = [true, true, true, true];

describe('review API types', () => {
  it('are the same on the server and in the review page', () => {
    expect(checks.every(Boolean)).toBe(true);
  });
});
