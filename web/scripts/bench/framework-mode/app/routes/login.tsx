import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { LazyRouteBoundary } from '../../../../../src/app/lazy-route';
import { LoginRoute } from '../../../../../src/app/routes/login';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: session, player and the /api client are installed before the
// component renders (framework mode splits route modules, so this loads with the route).
await ensureApiFeatures();

export const handle = handleOf('login');
// In the Suspense boundary route-table.tsx's lazy routes render in: the same markup.
export default function LoginPage() {
  return (
    <LazyRouteBoundary>
      <LoginRoute />
    </LazyRouteBoundary>
  );
}
