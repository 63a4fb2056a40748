import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * Which variant of a page the edge served this document as. The edge rewrites a URL to the
 * "coming soon" object before a launch, or to the shared 451 object outside a program's
 * licensed countries; the page must hydrate as what it was rendered as, so the variant travels
 * in the preloaded state. `path` is the URL it applies to: the browser sets it to the address
 * the document was loaded at, so client-side navigation elsewhere shows normal pages.
 */
export type PageNotice = 'coming-soon' | 'unavailable';

export interface AvailabilityState {
  readonly notice: PageNotice | null;
  readonly path: string | null;
}

const initialState: AvailabilityState = { notice: null, path: null };

export const availabilitySlice = createSlice({
  name: 'availability',
  initialState,
  reducers: {
    /**
     * Client-side navigation learned the variant from the edge (page data answered 451): show it
     * at that path as a full load would have.
     */
    noticeShown: (_state, action: PayloadAction<{ notice: PageNotice; path: string }>) => action.payload,
  },
  selectors: {
    selectNoticeFor: (state, pathname: string): PageNotice | null =>
      state.notice !== null && state.path === pathname ? state.notice : null,
  },
});

export const { selectNoticeFor } = availabilitySlice.selectors;
export const { noticeShown } = availabilitySlice.actions;

/** The state a prerendered page carries: its notice, bound to the path it was rendered at. */
export const availabilityStateFor = (notice: PageNotice | undefined, path: string): AvailabilityState =>
  notice ? { notice, path } : initialState;

/** In the browser the notice applies to the URL the edge served the document for. */
export const bindToLocation = (state: AvailabilityState | undefined, pathname: string): AvailabilityState | undefined =>
  state && state.notice ? { ...state, path: pathname } : state;
