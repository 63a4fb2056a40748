import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { readPreloadedState } from './app/preloaded-state';
import { routes } from './app/route-table';
import { makeStore } from './app/store';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Stride: #root is missing from the page');

const store = makeStore(readPreloadedState(document));
const router = createBrowserRouter(routes);

hydrateRoot(
  container,
  <StrictMode>
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  </StrictMode>,
);
