import { createAsyncThunk, type ThunkDispatch, type UnknownAction } from '@reduxjs/toolkit';
import { useCallback, useEffect, useState } from 'react';
import { useDispatch } from 'react-redux';
import type { Program } from '../../shared/content/schema';

/** Why page data could not be loaded: the HTTP status, or no answer at all. */
export interface ProgramFetchError {
  readonly status: number | 'FETCH_ERROR' | 'PARSING_ERROR';
}

/**
 * Page data for a program the prerendered page did not carry (client-side navigation): the
 * static `/data/programs/<slug>.json` the prerender writes. A plain thunk, not RTK Query: it is
 * on every program page, and RTK Query (for `/api`) loads only with the routes that call the API.
 */
export const fetchProgram = createAsyncThunk<Program, string, { rejectValue: ProgramFetchError }>('catalog/fetchProgram', async (slug, { signal, rejectWithValue }) => {
  let response: Response;
  try {
    response = await fetch(`/data/programs/${encodeURIComponent(slug)}.json`, { signal });
  } catch {
    return rejectWithValue({ status: 'FETCH_ERROR' });
  }
  if (!response.ok) return rejectWithValue({ status: response.status });
  try {
    return (await response.json()) as Program;
  } catch {
    return rejectWithValue({ status: 'PARSING_ERROR' });
  }
});

export interface ProgramQuery {
  readonly isError: boolean;
  readonly refetch: () => void;
}

/**
 * Loads a program's page data unless `skip`; the catalog slice stores it. `isError` is true once
 * the latest attempt failed; `refetch` tries again.
 */
export function useGetProgramQuery(slug: string, options: { readonly skip?: boolean } = {}): ProgramQuery {
  const dispatch = useDispatch<ThunkDispatch<unknown, unknown, UnknownAction>>();
  const skip = options.skip ?? false;
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const key = `${attempt}:${slug}`;

  useEffect(() => {
    if (skip) return undefined;
    let live = true;
    const request = dispatch(fetchProgram(slug));
    void request.then((action) => {
      if (live && fetchProgram.rejected.match(action)) setFailed(key);
    });
    return () => {
      live = false;
      request.abort();
    };
  }, [dispatch, slug, skip, key]);

  const refetch = useCallback(() => setAttempt((n) => n + 1), []);
  return { isError: !skip && failed === key, refetch };
}
