import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { LazyRouteBoundary } from '../../../../../src/app/lazy-route';
import { JoinRoute } from '../../../../../src/app/routes/join';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: the session feature and the /api client load with the route.
await ensureApiFeatures();

export const handle = handleOf('join');
// In the Suspense boundary route-table.tsx's lazy routes render in: the same markup.
export default function JoinPage() {
  return (
    <LazyRouteBoundary>
      <JoinRoute />
    </LazyRouteBoundary>
  );
}
