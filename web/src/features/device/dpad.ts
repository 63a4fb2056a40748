import { dpadIntent, type FocusKind } from './keys';
import { pickTarget, type Direction } from './spatial';

/**
 * D-pad navigation for the TV layout, on the real DOM: arrows move focus spatially (spatial.ts
 * picks the target), Back goes back in history, and each page starts with focus on its primary
 * action. Enter needs nothing here: it activates links and buttons natively.
 *
 * Loaded only by TV pages (use-dpad.ts imports it on demand), so web pages never download it.
 */

export interface DpadOptions {
  /** Selectors for a page's primary action, most specific first; the first visible match gets focus. */
  readonly primary: readonly string[];
  /** The page's content region: focus already inside it (put there by a component) is left alone. */
  readonly content: string;
}

export interface DpadController {
  /** Puts focus on the page's primary action, now or as soon as it renders (data may still be loading). */
  focusPrimarySoon(): void;
  dispose(): void;
}

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex], [contenteditable="true"]';
const TEXT_INPUTS = new Set(['text', 'email', 'password', 'search', 'tel', 'url', 'number']);

export function focusKindOf(el: Element | null): FocusKind {
  if (el instanceof HTMLTextAreaElement) return 'multiline';
  if (el instanceof HTMLSelectElement) return 'select';
  if (el instanceof HTMLInputElement) {
    if (el.type === 'range') return 'range';
    return TEXT_INPUTS.has(el.type) ? 'text' : 'other';
  }
  if (el instanceof HTMLElement && el.isContentEditable) return 'multiline';
  return 'other';
}

/** Where the caret is; unknown (email, number: no selection API) counts as neither end, so Left/Right stay in the field. */
function caretOf(el: Element | null): { caretAtStart: boolean; caretAtEnd: boolean } {
  if (!(el instanceof HTMLInputElement)) return { caretAtStart: false, caretAtEnd: false };
  try {
    const { selectionStart: start, selectionEnd: end } = el;
    if (start === null || end === null || start !== end) return { caretAtStart: false, caretAtEnd: false };
    return { caretAtStart: start === 0, caretAtEnd: end === el.value.length };
  } catch {
    return { caretAtStart: false, caretAtEnd: false };
  }
}

/** Shown, enabled, in the tab order, and on the page (a skip link parked off-screen is not). */
function isNavigable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert], [hidden], [aria-hidden="true"]')) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return false;
  const view = el.ownerDocument.defaultView;
  if (rect.right + (view?.scrollX ?? 0) <= 0 || rect.bottom + (view?.scrollY ?? 0) <= 0) return false;
  return view?.getComputedStyle(el).visibility !== 'hidden';
}

const navigableIn = (root: ParentNode): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(isNavigable);

/**
 * Where an element sits in the layout, in page coordinates, ignoring CSS transforms: a focused
 * card grows while the one left behind is still shrinking back, and its transformed box can put
 * a neighbour "above" for a few frames (a fast remote then lands on the wrong card).
 */
export function layoutRect(el: HTMLElement): { left: number; top: number; right: number; bottom: number } {
  let left = 0;
  let top = 0;
  for (let node: HTMLElement | null = el; node; node = node.offsetParent as HTMLElement | null) {
    left += node.offsetLeft;
    top += node.offsetTop;
  }
  return { left, top, right: left + el.offsetWidth, bottom: top + el.offsetHeight };
}

function focusElement(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  // `nearest` with the TV stylesheet's scroll-margin: the next row is always in view.
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

export function createDpad(doc: Document, options: DpadOptions): DpadController {
  const view = doc.defaultView;
  let stopWaiting: (() => void) | undefined;

  const content = (): Element | null => doc.querySelector(options.content);
  const primaryTarget = (): HTMLElement | undefined => {
    for (const selector of options.primary) {
      const found = Array.from(doc.querySelectorAll<HTMLElement>(selector)).find(isNavigable);
      if (found) return found;
    }
    return undefined;
  };
  /** Nothing the viewer or a component chose: the body, the content region itself, or something outside it (the header link just used). */
  const focusIsUnplaced = (): boolean => {
    const active = doc.activeElement;
    const region = content();
    return !active || active === doc.body || active === doc.documentElement || active === region || !region?.contains(active);
  };

  function cancelWaiting(): void {
    stopWaiting?.();
    stopWaiting = undefined;
  }

  function focusPrimarySoon(): void {
    cancelWaiting();
    const attempt = (): boolean => {
      if (!focusIsUnplaced()) return true;
      const target = primaryTarget();
      if (target) focusElement(target);
      return target !== undefined;
    };
    if (attempt()) return;
    // Not rendered yet (page data loading, the catalog gate): wait for it, until the viewer acts.
    const observer = new MutationObserver(() => {
      if (attempt()) cancelWaiting();
    });
    observer.observe(doc.body, { childList: true, subtree: true });
    stopWaiting = () => observer.disconnect();
  }

  function move(direction: Direction, active: Element | null): boolean {
    const candidates = navigableIn(doc);
    const source = active instanceof HTMLElement && active !== doc.body ? active : undefined;
    // Nothing focused yet: the first press lands on the primary action.
    if (!source || source === content()) {
      const start = primaryTarget() ?? navigableIn(content() ?? doc)[0] ?? candidates[0];
      if (start) focusElement(start);
      return start !== undefined;
    }
    // A focused container (the player's stage with an error panel): into its first control.
    if (!candidates.includes(source)) {
      const inside = navigableIn(source)[0];
      if (inside) {
        focusElement(inside);
        return true;
      }
    }
    const others = candidates.filter((el) => el !== source);
    const index = pickTarget(layoutRect(source), others.map(layoutRect), direction);
    const target = index === undefined ? undefined : others[index];
    if (target) focusElement(target);
    return target !== undefined;
  }

  function onKeyDown(event: KeyboardEvent): void {
    // A component that handled the key (the player's controls) called preventDefault.
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const active = doc.activeElement;
    const intent = dpadIntent({ key: event.key, keyCode: event.keyCode, focus: focusKindOf(active), ...caretOf(active) });
    if (!intent) return;
    cancelWaiting();
    if (intent.type === 'back') {
      // Escape leaves full screen first; the browser does that on its own.
      if (doc.fullscreenElement) return;
      event.preventDefault();
      view?.history.back();
      return;
    }
    // A region that runs its own arrows (data-dpad="self") keeps them, handled or not.
    if (active?.closest('[data-dpad="self"]')) return;
    // Nowhere to go: let the browser scroll, so text below the last control can still be read.
    if (move(intent.direction, active)) event.preventDefault();
  }

  doc.addEventListener('keydown', onKeyDown);
  return {
    focusPrimarySoon,
    dispose() {
      cancelWaiting();
      doc.removeEventListener('keydown', onKeyDown);
    },
  };
}
