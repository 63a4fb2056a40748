import { useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { Links, Meta, Outlet, Scripts, useLoaderData, useLocation, useMatches, type LoaderFunctionArgs } from 'react-router';
import { selectNoticeFor } from '../../../../src/features/availability';
import { useAppSelector } from '../../../../src/app/hooks';
import { bindBrowserStore } from '../../../../src/app/lazy-features';
import { pageTitle, UNAVAILABLE_TITLE } from '../../../../src/app/page-title';
import { makeStore } from '../../../../src/app/store';
import '../../../../src/app/styles.css';
import { stateForUrl } from './page-data.server';

/**
 * The page's preloaded state, as loader data: React Router serializes it into the HTML (and a
 * .data file) where the build writes its state script. Runs at build time only (ssr: false).
 */
export function loader({ request }: LoaderFunctionArgs) {
  return stateForUrl(new URL(request.url).pathname);
}

// As the real app: state loads once with the document; client navigation fetches program data
// itself (RTK Query), so the root's data is never refetched.
export const shouldRevalidate = () => false;

/** The document of web/index.html (the build's template), with React Router's scripts. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta name="description" content="Stride: fitness programs that stream, on the web and on your TV." />
        <Meta />
        <Links />
      </head>
      <body>
        <div id="root">{children}</div>
        <Scripts />
      </body>
    </html>
  );
}

/** The <title> the build puts in its template, computed the same way (React hoists it to <head>). */
function PageTitle() {
  const matches = useMatches();
  const { pathname } = useLocation();
  const title = useAppSelector((state) =>
    selectNoticeFor(state, pathname) === 'unavailable' ? UNAVAILABLE_TITLE : pageTitle(matches, state),
  );
  return <title>{title}</title>;
}

/** One store per rendered page (and one per browser tab), as entry-server and entry-client make. */
export default function Root() {
  const state = useLoaderData<typeof loader>();
  const [store] = useState(() => {
    const made = makeStore(state);
    // In the browser the lazily loaded features install into this store (entry-client does the same).
    if (typeof window !== 'undefined') bindBrowserStore(made);
    return made;
  });
  return (
    <Provider store={store}>
      <PageTitle />
      <Outlet />
    </Provider>
  );
}
