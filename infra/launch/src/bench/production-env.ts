// Imported first by the benchmark: React reads NODE_ENV once, when it first loads, and the build
// renders with its production build (Vite sets NODE_ENV=production), so the bare loop must too.
process.env.NODE_ENV ??= 'production';
