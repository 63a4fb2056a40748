import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

/**
 * React Router's Vite plugin insists on a Vite config file (it reloads it for its child
 * compiler), so the plugin lives here; harness.ts passes the rest (root, cache, logger, public
 * folder, the prerender clock) inline to createBuilder.
 */
export default defineConfig({
  plugins: [reactRouter()],
});
