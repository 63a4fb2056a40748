/** What a key press asks the player to do. */
export type PlayerCommand =
  | { readonly type: 'toggle-play' }
  | { readonly type: 'seek-by'; readonly seconds: number }
  | { readonly type: 'volume-by'; readonly delta: number }
  | { readonly type: 'toggle-mute' }
  | { readonly type: 'toggle-fullscreen' }
  | { readonly type: 'toggle-captions' }
  /** D-pad on the control bar: move focus to the previous (-1) or next (+1) control. */
  | { readonly type: 'focus-control'; readonly step: -1 | 1 }
  /** D-pad from the stage down to the control bar, or from the control bar up to the stage. */
  | { readonly type: 'focus-controls' }
  | { readonly type: 'focus-stage' }
  | { readonly type: 'back' };

export interface KeyContext {
  /** The element the key went to: native controls keep the keys they own. */
  readonly targetRole: 'slider' | 'button' | 'select' | 'text' | 'other';
  /** KeyboardEvent.keyCode: TV engines that name no key still send Back as 10009 (Tizen) or 461 (webOS). */
  readonly keyCode?: number;
}

const BACK_KEY_CODES = new Set([10009, 461]);

/**
 * YouTube-style shortcuts, plus TV remotes (arrows, OK = Enter, Back = BrowserBack/GoBack).
 * On the stage, Left/Right seek and Down goes to the control bar; on a control-bar button or
 * select, Left/Right move between them and Up returns to the stage (a remote has no Tab key).
 * Sliders keep Left/Right and Down (their value); Up leaves a slider for the stage, as from a
 * button, since a remote has no Tab. A select keeps its Up/Down. Returns undefined for keys the
 * player leaves alone, so the browser keeps its default.
 */
export function commandForKey(
  key: string,
  context: KeyContext,
  modifiers: { ctrl?: boolean; meta?: boolean; alt?: boolean } = {},
): PlayerCommand | undefined {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return undefined;
  if (context.targetRole === 'text') return undefined;
  if (context.keyCode !== undefined && BACK_KEY_CODES.has(context.keyCode)) return { type: 'back' };
  const activates = context.targetRole === 'button' || context.targetRole === 'select';
  // A slider owns Left/Right and Down; a select only Up/Down (its options), so a D-pad can leave both.
  const ownsLeftRight = context.targetRole === 'slider';
  const ownsUp = context.targetRole === 'select';
  const ownsDown = context.targetRole === 'slider' || context.targetRole === 'select';
  const onBar = context.targetRole === 'button' || context.targetRole === 'select' || context.targetRole === 'slider';

  switch (key) {
    case ' ':
    case 'Enter':
      return activates ? undefined : { type: 'toggle-play' };
    case 'k':
    case 'K':
    case 'MediaPlayPause':
      return { type: 'toggle-play' };
    case 'j':
    case 'J':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowLeft':
      if (ownsLeftRight) return undefined;
      return onBar ? { type: 'focus-control', step: -1 } : { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      if (ownsLeftRight) return undefined;
      return onBar ? { type: 'focus-control', step: 1 } : { type: 'seek-by', seconds: 5 };
    case 'ArrowUp':
      if (ownsUp) return undefined;
      return onBar ? { type: 'focus-stage' } : { type: 'volume-by', delta: 0.1 };
    case 'ArrowDown':
      if (ownsDown) return undefined;
      return onBar ? undefined : { type: 'focus-controls' };
    case 'm':
    case 'M':
      return { type: 'toggle-mute' };
    case 'f':
    case 'F':
      return { type: 'toggle-fullscreen' };
    case 'c':
    case 'C':
      return { type: 'toggle-captions' };
    // Escape stays with the browser (it leaves full screen); TV remotes send BrowserBack/GoBack
    // (XF86Back on Tizen).
    case 'BrowserBack':
    case 'GoBack':
    case 'XF86Back':
      return { type: 'back' };
    default:
      return undefined;
  }
}

/** "1:05" or "1:02:03": the time display and the seek slider's aria-valuetext. */
export function formatClock(totalSec: number): string {
  const s = Number.isFinite(totalSec) && totalSec > 0 ? Math.floor(totalSec) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
