import { createApi } from '@reduxjs/toolkit/query/react';
import { createRetryingBaseQuery } from './retrying-base-query';

/** Cache tags the features' endpoints provide and invalidate. */
export const strideApiTags = ['Me', 'Progress'] as const;

/**
 * The one RTK Query API for `/api` (same origin: CloudFront routes it to the healthy region).
 * Features add endpoints with `strideApi.injectEndpoints`; components use the generated hooks.
 */
export const strideApi = createApi({
  reducerPath: 'strideApi',
  baseQuery: createRetryingBaseQuery({ baseUrl: '/api' }),
  tagTypes: strideApiTags,
  endpoints: () => ({}),
});
