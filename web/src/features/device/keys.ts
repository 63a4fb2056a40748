import type { Direction } from './spatial';

/** What a remote's key asks the page to do: move focus that way, or go back. */
export type DpadIntent = { readonly type: 'move'; readonly direction: Direction } | { readonly type: 'back' };

/**
 * The kind of element that has focus, as far as keys go. Native controls keep the arrows they
 * use: a text field its caret (Left/Right), a select its options (Up/Down), a range slider its
 * value (Left/Right). A remote has no Tab key, so every control still lets the other axis out.
 */
export type FocusKind = 'text' | 'multiline' | 'range' | 'select' | 'other';

export interface KeyInput {
  readonly key: string;
  /** Legacy `keyCode`: some TV engines report their Back key only by number. */
  readonly keyCode?: number;
  readonly focus: FocusKind;
  /** For a text field: the caret is at the start / end with nothing selected (Left/Right may leave). */
  readonly caretAtStart?: boolean;
  readonly caretAtEnd?: boolean;
}

const ARROWS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  // Older engines' names for the same keys.
  Up: 'up',
  Down: 'down',
  Left: 'left',
  Right: 'right',
};

// Escape stands in for Back on a laptop; BrowserBack/GoBack are the standard names for a
// remote's Back, XF86Back is Tizen's; Tizen 10009 and webOS 461 when the engine gives no name.
const BACK_KEYS = new Set(['Escape', 'Esc', 'BrowserBack', 'GoBack', 'XF86Back']);
const BACK_KEY_CODES = new Set([10009, 461]);

/** The intent of a key press, or undefined for keys the page and the browser keep. */
export function dpadIntent(input: KeyInput): DpadIntent | undefined {
  const { key, focus } = input;
  if (BACK_KEYS.has(key) || (input.keyCode !== undefined && BACK_KEY_CODES.has(input.keyCode))) return { type: 'back' };
  // Backspace deletes text in a field; elsewhere it is the keyboard's Back.
  if (key === 'Backspace') return focus === 'text' || focus === 'multiline' ? undefined : { type: 'back' };

  const direction = ARROWS[key];
  if (!direction) return undefined;
  const move: DpadIntent = { type: 'move', direction };
  const alongX = direction === 'left' || direction === 'right';
  switch (focus) {
    case 'multiline':
      return undefined;
    case 'text':
      if (!alongX) return move;
      return (direction === 'left' ? input.caretAtStart : input.caretAtEnd) ? move : undefined;
    case 'range':
      return alongX ? undefined : move;
    case 'select':
      return alongX ? move : undefined;
    case 'other':
      return move;
  }
}
