import { createApi, fetchBaseQuery } from '@reduxjs/toolkit/query/react';

/**
 * Static page data written by the prerender (`/data/...json`), served by the CDN like any
 * other object. Features add their endpoints with `injectEndpoints`.
 */
export const contentApi = createApi({
  reducerPath: 'contentApi',
  baseQuery: fetchBaseQuery({ baseUrl: '/data/' }),
  endpoints: () => ({}),
});
