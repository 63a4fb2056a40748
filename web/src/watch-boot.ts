/**
 * The /watch pages' boot script (web and TV): a second, small entry the build names before the
 * app's own in those pages only (scripts/watch-boot-tag.ts). It starts the play while the app's
 * chunks load and hydrate (features/player/early-boot.ts); the player takes it over.
 */
import { bootWatchPage } from './features/player/early-boot';

// Anything that goes wrong here is the player's to ask again and report.
void bootWatchPage(window.location.pathname).catch(() => undefined);
