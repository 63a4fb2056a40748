import type { ReactNode } from 'react';
import { useGetSummaryQuery } from '../catalogApi';
import { PageDataStatus } from './PageDataStatus';

/**
 * For a program page reached from a page that did not carry its program: loads the program's
 * summary, which puts the slug in the store as known (the page then renders as itself, coming
 * soon or in full), or shows `notFound` when there is no such program.
 */
export function SummaryGate({ slug, notFound }: { readonly slug: string; readonly notFound: ReactNode }) {
  const query = useGetSummaryQuery(slug);
  if (query.error?.status === 404) return notFound;
  return <PageDataStatus query={query} loading="Loading the program…" />;
}
