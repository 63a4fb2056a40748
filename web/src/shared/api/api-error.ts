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
  /** The API's machine-readable cause (`"reason"` in the body, e.g. a playback refusal's), when it gave one. */
  readonly reason?: string;
  /** With some refusals: when the thing refused becomes available (`"availableAt"`, an ISO 8601 instant). */
  readonly availableAt?: string;
}

const serverMessage = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const { error, message } = data as { error?: unknown; message?: unknown };
  const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined;
  return text && text.length <= 300 ? text : undefined;
};

/** A short string field of an error body; anything else (missing, another type, an essay) is left out. */
function shortField<F extends 'reason' | 'availableAt'>(data: unknown, field: F): Partial<Record<F, string>> {
  if (typeof data !== 'object' || data === null) return {};
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? ({ [field]: value } as Partial<Record<F, string>>) : {};
}

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
    return {
      kind: kindOfStatus(error.status),
      status: error.status,
      ...(message ? { message } : {}),
      ...shortField(error.data, 'reason'),
      ...shortField(error.data, 'availableAt'),
    };
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
