import {
  fetchBaseQuery,
  type BaseQueryApi,
  type FetchArgs,
  type FetchBaseQueryError,
  type FetchBaseQueryMeta,
  type QueryReturnValue,
} from '@reduxjs/toolkit/query';
import { API_PREFIX } from '@stride/contract/region-routing';
import { apiUnauthorized } from '../../shared/api/auth-events';
import { takeEarlyAnswer } from './early-answers';

export type ApiResult = QueryReturnValue<unknown, FetchBaseQueryError, FetchBaseQueryMeta>;
type BaseQuery = (args: string | FetchArgs) => PromiseLike<ApiResult> | ApiResult;

const urlOf = (args: string | FetchArgs) => (typeof args === 'string' ? args : args.url);

/**
 * An endpoint's request, answered by the page's early request for the same path when there is
 * one (asked before the app loaded, through the same region fallback: early-answers.ts), else by
 * the API's base query. The early answer goes through fetchBaseQuery as any answer does (same
 * parsing, `validateStatus` and error shape) and a 401 signs the viewer out, as the base query's.
 */
export async function earlyFirst(args: string | FetchArgs, api: BaseQueryApi, baseQuery: BaseQuery): Promise<ApiResult> {
  const early = takeEarlyAnswer(`${API_PREFIX}/${urlOf(args).replace(/^\//, '')}`);
  if (!early) return baseQuery(args);
  const result = await fetchBaseQuery({ baseUrl: API_PREFIX, fetchFn: () => early })(args, api, {});
  if (result.error?.status === 401) api.dispatch(apiUnauthorized({ endpoint: api.endpoint }));
  return result;
}
