/**
 * The /watch pages' one script (web and TV; scripts/watch-boot-tag.ts): it starts the play
 * (features/player/early-boot.ts), then the app, once the play's first frame is up, or the boot
 * gave up, or after a cap (earlyPlaySettled). The app's entry and chunks are named by this tag's
 * attributes; the player takes over the running play when the app hydrates.
 */
import { bootWatchPage, earlyPlaySettled } from './features/player/early-boot';
import { startApp } from './watch-boot-app';

// Anything that goes wrong in the boot is the player's to ask again and report; the app starts regardless.
void bootWatchPage(window.location.pathname).catch(() => undefined);
void earlyPlaySettled().then(() => startApp(document));
