/*
 * A DOM without layout (happy-dom) gives every element a zero-sized box at 0,0. The D-pad moves
 * focus by where elements are, so a test places them: the box an element would have on the page.
 */

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function placeAt(element: HTMLElement, box: Box): void {
  const { left, top, width, height } = box;
  Object.defineProperties(element, {
    offsetLeft: { configurable: true, get: () => left },
    offsetTop: { configurable: true, get: () => top },
    offsetWidth: { configurable: true, get: () => width },
    offsetHeight: { configurable: true, get: () => height },
    offsetParent: { configurable: true, get: () => null },
  });
  element.getBoundingClientRect = () =>
    ({ left, top, width, height, x: left, y: top, right: left + width, bottom: top + height, toJSON: () => box }) as DOMRect;
}
