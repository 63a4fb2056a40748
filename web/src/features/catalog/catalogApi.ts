import { createAsyncThunk, type ThunkDispatch, type UnknownAction } from '@reduxjs/toolkit';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useDispatch } from 'react-redux';
import { HOME_DATA_PATH, listingPageDataPath, programDataPath, summaryDataPath } from '@stride/contract/urls';
import type { ProgramSummary } from '../../shared/content/program-summary';
import type { Program } from '../../shared/content/schema';
import type { HomeData, ListingPage } from './catalog-data';

/** Why page data could not be loaded: the HTTP status (451 outside a licence), or no answer at all. */
export interface PageDataError {
  readonly status: number | 'FETCH_ERROR' | 'PARSING_ERROR';
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PageDataError };

/** GETs a static JSON object the prerender wrote. */
async function fetchStaticJson<T>(url: string, signal: AbortSignal): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch {
    return { ok: false, error: { status: 'FETCH_ERROR' } };
  }
  if (!response.ok) return { ok: false, error: { status: response.status } };
  try {
    return { ok: true, value: (await response.json()) as T };
  } catch {
    return { ok: false, error: { status: 'PARSING_ERROR' } };
  }
}

/**
 * Page data for a program the prerendered page did not carry (client-side navigation): the
 * static `/data/programs/<slug>.json` the prerender writes. Plain thunks, not RTK Query: they are
 * on every page, and RTK Query (for `/api`) loads only with the routes that call the API.
 */
export const fetchProgram = createAsyncThunk<Program, string, { rejectValue: PageDataError }>(
  'catalog/fetchProgram',
  async (slug, { signal, rejectWithValue }) => {
    const outcome = await fetchStaticJson<Program>(programDataPath(slug), signal);
    return outcome.ok ? outcome.value : rejectWithValue(outcome.error);
  },
);

/**
 * One program's summary (`/data/summaries/<slug>.json`): whether a slug the page did not carry is
 * a program (404: it is not), and when it launches.
 */
export const fetchSummary = createAsyncThunk<ProgramSummary, string, { rejectValue: PageDataError }>(
  'catalog/fetchSummary',
  async (slug, { signal, rejectWithValue }) => {
    const outcome = await fetchStaticJson<ProgramSummary>(summaryDataPath(slug), signal);
    return outcome.ok ? outcome.value : rejectWithValue(outcome.error);
  },
);

/** The home page's programs (`/data/home.json`), for the home page reached by client-side navigation. */
export const fetchHome = createAsyncThunk<HomeData, undefined, { rejectValue: PageDataError }>(
  'catalog/fetchHome',
  async (_, { signal, rejectWithValue }) => {
    const outcome = await fetchStaticJson<HomeData>(HOME_DATA_PATH, signal);
    return outcome.ok ? outcome.value : rejectWithValue(outcome.error);
  },
);

/** One more page of "All programs" (`/data/listing/<page>.json`). */
export const fetchListingPage = createAsyncThunk<ListingPage, number, { rejectValue: PageDataError }>(
  'catalog/fetchListingPage',
  async (page, { signal, rejectWithValue }) => {
    const outcome = await fetchStaticJson<ListingPage>(listingPageDataPath(page), signal);
    return outcome.ok ? outcome.value : rejectWithValue(outcome.error);
  },
);

export interface PageDataQuery {
  /** Why the latest attempt failed, or undefined while loading, skipped or done. */
  readonly error: PageDataError | undefined;
  readonly isError: boolean;
  readonly refetch: () => void;
}

type Dispatch = ThunkDispatch<unknown, unknown, UnknownAction>;

/** What dispatching one of the thunks above returns, as far as the hook needs it. */
type PageDataRequest = Promise<{ readonly payload?: unknown; readonly meta: { readonly requestStatus: 'fulfilled' | 'rejected' } }> & {
  abort(): void;
};

/**
 * Starts `start(dispatch)` unless `skip`, again whenever `requestKey` changes or `refetch` is
 * called; the slice stores the result. Remembers why the latest attempt failed.
 */
function usePageData(start: (dispatch: Dispatch) => PageDataRequest, skip: boolean, requestKey: string): PageDataQuery {
  const dispatch = useDispatch<Dispatch>();
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<{ key: string; error: PageDataError } | null>(null);
  const key = `${attempt}:${requestKey}`;
  // The latest `start`: a new closure each render, but only `key` decides when to load.
  const startRequest = useEffectEvent(start);

  useEffect(() => {
    if (skip) return undefined;
    let live = true;
    const request = startRequest(dispatch);
    void request.then((action) => {
      if (live && action.meta.requestStatus === 'rejected')
        setFailed({ key, error: (action.payload as PageDataError | undefined) ?? { status: 'FETCH_ERROR' } });
    });
    return () => {
      live = false;
      request.abort();
    };
  }, [dispatch, skip, key]);

  const refetch = useCallback(() => setAttempt((n) => n + 1), []);
  const error = !skip && failed?.key === key ? failed.error : undefined;
  return { error, isError: error !== undefined, refetch };
}

/** Loads a program's page data unless `skip`. */
export const useGetProgramQuery = (slug: string, options: { readonly skip?: boolean } = {}): PageDataQuery =>
  usePageData((dispatch) => dispatch(fetchProgram(slug)), options.skip ?? false, slug);

/** Loads one program's summary unless `skip`. */
export const useGetSummaryQuery = (slug: string, options: { readonly skip?: boolean } = {}): PageDataQuery =>
  usePageData((dispatch) => dispatch(fetchSummary(slug)), options.skip ?? false, slug);

/** Loads the home page's programs unless `skip`. */
export const useGetHomeQuery = (options: { readonly skip?: boolean } = {}): PageDataQuery =>
  usePageData((dispatch) => dispatch(fetchHome()), options.skip ?? false, 'home');

export interface MoreListing {
  /** Asks for the next page; does nothing while one is loading. */
  readonly loadMore: () => void;
  readonly loading: boolean;
  /** Why the latest request failed, until the next one. */
  readonly error: PageDataError | undefined;
}

/** Loads "All programs" a page at a time, on request (the viewer's "Show more"). */
export function useLoadMoreListing(nextPage: number): MoreListing {
  const dispatch = useDispatch<Dispatch>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<PageDataError | undefined>(undefined);
  const loadMore = useCallback(() => {
    if (loading) return;
    setLoading(true);
    setError(undefined);
    void dispatch(fetchListingPage(nextPage)).then((action) => {
      setLoading(false);
      if (fetchListingPage.rejected.match(action)) setError(action.payload ?? { status: 'FETCH_ERROR' });
    });
  }, [dispatch, loading, nextPage]);
  return { loadMore, loading, error };
}
