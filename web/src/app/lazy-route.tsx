import { Component, memo, Suspense, use, useState, type ComponentType, type ReactNode } from 'react';

/**
 * True until the browser's first render (hydration) has committed (entry-client's
 * markHydrated), and always on the server: a lazy route rendered in it is the page the HTML
 * was prerendered with.
 */
let firstRender = true;

/** Called once the page has hydrated: lazy routes rendered from now on come from navigations. */
export function markHydrated(): void {
  firstRender = false;
}

/**
 * The Suspense boundary a lazy route renders in (lazyRoute), so its markup in the prerendered
 * HTML (`<!--$-->…<!--/$-->`) is the same wherever the route's code is loaded from (the
 * framework-mode comparison in scripts/bench renders its routes in it too).
 */
export function LazyRouteBoundary({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

/**
 * A route whose code did not load (offline, or a chunk a newer deploy no longer has): said in
 * words, with a way out, instead of an empty page. Renders no element of its own otherwise, so
 * the prerendered HTML and its hydration are unchanged.
 */
export class RouteLoadBoundary extends Component<{ readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section role="alert" className="route-load-failed">
        <h1>This page did not load</h1>
        <p>Check your connection, then reload the page.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    );
  }
}

export interface LazyRoute<M> {
  /** The route's component: its code in a Suspense boundary (see lazyRoute). */
  readonly Component: ComponentType;
  /**
   * Loads the code (once): a data router (the prerender's static handler, a test's memory router)
   * calls it before the route renders; entry-client calls it for the page's own route at start.
   */
  readonly lazy: () => Promise<Record<string, never>>;
  /** Starts loading the code (once); resolves with the module. */
  readonly load: () => Promise<M>;
  /** The module, once loaded. */
  readonly loaded: () => M | undefined;
}

/**
 * A route whose code loads on demand, in a Suspense boundary that the prerendered HTML carries
 * too (`<!--$-->…<!--/$-->`). On the page it was prerendered for, the rest of the page hydrates
 * without this code (React's selective hydration: the route's server HTML stays as it is and
 * hydrates when the code arrives), so neither its code nor what only it uses (the `/api` client)
 * is in the page's initial JavaScript. Reached by a navigation (a transition in BrowserRouter),
 * it suspends outside its boundary, so the previous page stays until the code is in, as a data
 * router's `lazy` does. The prerender's static handler calls the route's `lazy` first
 * (entry-server), so the HTML has the route's content.
 */
export function lazyRoute<M>(importModule: () => Promise<M>, componentOf: (module: M) => ComponentType): LazyRoute<M> {
  interface Loaded {
    readonly module: M;
    readonly Route: ComponentType;
  }
  let loaded: Loaded | undefined;
  let pending: (Promise<Loaded> & { status?: 'fulfilled'; value?: Loaded }) | undefined;
  const settle = (): Promise<Loaded> => {
    pending ??= importModule().then(
      (module) => {
        loaded = { module, Route: componentOf(module) };
        // React's `use` reads a settled thenable's status and value: once the code is in, every
        // render (the prerender's too) gets it without suspending, even from a promise React
        // has not seen before.
        Object.assign(pending ?? {}, { status: 'fulfilled', value: loaded });
        return loaded;
      },
      (error: unknown) => {
        pending = undefined; // the next render or navigation asks again
        throw error;
      },
    );
    return pending;
  };
  const load = async (): Promise<M> => (await settle()).module;

  function RouteContent() {
    // The same component every render: picked once, when the code loaded.
    const { Route } = use(settle());
    return <Route />;
  }

  /** Reached by a navigation: waits for the code outside the Suspense boundary (the previous page stays). */
  function AwaitCode({ hydrating, children }: { readonly hydrating: boolean; readonly children: ReactNode }) {
    if (!hydrating) use(settle());
    return children;
  }

  function RouteBoundary() {
    // Fixed when the boundary mounts: a re-render after hydration must not suspend above it.
    const [hydrating] = useState(() => firstRender);
    return (
      <RouteLoadBoundary>
        <AwaitCode hydrating={hydrating}>
          <LazyRouteBoundary>
            <RouteContent />
          </LazyRouteBoundary>
        </AwaitCode>
      </RouteLoadBoundary>
    );
  }

  return {
    // memo: a parent's re-render does not reach a boundary that is still waiting to hydrate
    // (React would give up hydrating it and render it anew, empty until the code is in).
    Component: memo(RouteBoundary),
    lazy: async () => {
      await settle();
      return {};
    },
    load,
    loaded: () => loaded?.module,
  };
}
