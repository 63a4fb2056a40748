import { useEffect } from 'react';
import { useDispatch } from 'react-redux';
import { apiUnauthorized } from '../../shared/api/auth-events';
import { pageOutbox } from '../../shared/outbox';

/**
 * A write the outbox sent was refused with 401: the viewer is signed out, as when an RTK Query
 * request earns one (the session feature and the player's `sessionLost` react to `apiUnauthorized`).
 */
export function useOutboxSignOut(): void {
  const dispatch = useDispatch();
  useEffect(() => pageOutbox().onUnauthorized(() => dispatch(apiUnauthorized({ endpoint: 'outbox' }))), [dispatch]);
}
