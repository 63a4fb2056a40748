import { createAction } from '@reduxjs/toolkit';

/**
 * The API answered 401: the session cookie is missing, expired or revoked. Dispatched by the API
 * client (shared) and handled by the session feature, which cannot be imported from shared.
 */
export const apiUnauthorized = createAction<{ readonly endpoint: string }>('api/unauthorized');
