import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { LazyRouteBoundary } from '../../../../../src/app/lazy-route';
import { ActivateRoute } from '../../../../../src/app/routes/activate';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: the session feature and the /api client load with the route.
await ensureApiFeatures();

export const handle = handleOf('activate');
// In the Suspense boundary route-table.tsx's lazy routes render in: the same markup.
export default function ActivatePage() {
  return (
    <LazyRouteBoundary>
      <ActivateRoute />
    </LazyRouteBoundary>
  );
}
