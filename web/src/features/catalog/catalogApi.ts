import { contentApi } from '../../shared/api/contentApi';
import type { Program } from '../../shared/content/schema';

export const catalogApi = contentApi.injectEndpoints({
  endpoints: (build) => ({
    // Page data for a program the prerendered page did not carry (client-side navigation).
    getProgram: build.query<Program, string>({
      query: (slug) => `programs/${encodeURIComponent(slug)}.json`,
    }),
  }),
});

export const { useGetProgramQuery } = catalogApi;
