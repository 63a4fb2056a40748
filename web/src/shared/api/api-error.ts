import type { SerializedError } from '@reduxjs/toolkit';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';

/** What went wrong with an API call, in the terms a screen explains it to a viewer. */
export type ApiErrorKind = 'offline' | 'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'server' | 'request' | 'unknown';

export interface ApiErrorInfo {
  readonly kind: ApiErrorKind;
  /** HTTP status when the server answered at all. */
  readonly status?: number;
  /** The API's own explanation (`{ "error": "..." }` body), when it gave one. */
  readonly message?: string;
}

const serverMessage = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const { error, message } = data as { error?: unknown; message?: unknown };
  const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined;
  return text && text.length <= 300 ? text : undefined;
};

const kindOfStatus = (status: number): ApiErrorKind => {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'request';
};

/** Classifies the `error` of an RTK Query hook result (FetchBaseQueryError or SerializedError). */
export function describeApiError(error: FetchBaseQueryError | SerializedError | undefined): ApiErrorInfo | undefined {
  if (error === undefined) return undefined;
  if (!('status' in error)) return { kind: 'unknown', ...(error.message ? { message: error.message } : {}) };
  if (typeof error.status === 'number') {
    const message = serverMessage(error.data);
    return { kind: kindOfStatus(error.status), status: error.status, ...(message ? { message } : {}) };
  }
  switch (error.status) {
    case 'FETCH_ERROR':
    case 'TIMEOUT_ERROR':
      return { kind: 'offline' };
    case 'PARSING_ERROR':
      return { kind: kindOfStatus(error.originalStatus), status: error.originalStatus };
    default:
      return { kind: 'unknown', ...(error.error ? { message: error.error } : {}) };
  }
}
