import { index, layout, route, type RouteConfig } from '@react-router/dev/routes';

/**
 * The route table of web/src/app/route-table.tsx as framework-mode route modules (each a thin
 * re-export of the real route component), plus the coming-soon variant's own URL (page-state.ts).
 */
export default [
  layout('routes/layout.tsx', [
    index('routes/home.tsx'),
    route('programs/:slug', 'routes/program.tsx'),
    route('programs/:slug/coming-soon', 'routes/program.tsx', { id: 'routes/program-coming-soon' }),
    route('watch/:id', 'routes/watch.tsx'),
    route('account', 'routes/account.tsx'),
    route('login', 'routes/login.tsx'),
    route('join', 'routes/join.tsx'),
    route('activate', 'routes/activate.tsx'),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig;
