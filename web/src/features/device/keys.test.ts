import { describe, expect, it } from 'vitest';
import { dpadIntent, type FocusKind } from './keys';

const intent = (key: string, focus: FocusKind = 'other', extra: { keyCode?: number; caretAtStart?: boolean; caretAtEnd?: boolean } = {}) =>
  dpadIntent({ key, focus, ...extra });

describe('dpadIntent', () => {
  it.each([
    ['ArrowUp', 'up'],
    ['ArrowDown', 'down'],
    ['ArrowLeft', 'left'],
    ['ArrowRight', 'right'],
    ['Left', 'left'],
  ])('%s on a link or button moves %s', (key, direction) => {
    expect(intent(key)).toEqual({ type: 'move', direction });
  });

  it.each(['Escape', 'BrowserBack', 'GoBack', 'XF86Back', 'Backspace'])('%s goes back', (key) => {
    expect(intent(key)).toEqual({ type: 'back' });
  });

  it('knows the Back keys TV engines report only by number (Tizen, webOS)', () => {
    expect(intent('Unidentified', 'other', { keyCode: 10009 })).toEqual({ type: 'back' });
    expect(intent('Unidentified', 'other', { keyCode: 461 })).toEqual({ type: 'back' });
  });

  it('leaves Backspace to a text field, where it deletes', () => {
    expect(intent('Backspace', 'text')).toBeUndefined();
    expect(intent('Backspace', 'multiline')).toBeUndefined();
    expect(intent('Escape', 'text')).toEqual({ type: 'back' });
  });

  it('lets Up/Down leave a text field; Left/Right only at the end the caret is at', () => {
    expect(intent('ArrowDown', 'text')).toEqual({ type: 'move', direction: 'down' });
    expect(intent('ArrowLeft', 'text')).toBeUndefined();
    expect(intent('ArrowLeft', 'text', { caretAtStart: true })).toEqual({ type: 'move', direction: 'left' });
    expect(intent('ArrowRight', 'text', { caretAtStart: true })).toBeUndefined();
    expect(intent('ArrowRight', 'text', { caretAtEnd: true })).toEqual({ type: 'move', direction: 'right' });
  });

  it('keeps a slider’s Left/Right and a select’s Up/Down, and lets the other axis leave (a remote has no Tab)', () => {
    expect(intent('ArrowLeft', 'range')).toBeUndefined();
    expect(intent('ArrowUp', 'range')).toEqual({ type: 'move', direction: 'up' });
    expect(intent('ArrowDown', 'select')).toBeUndefined();
    expect(intent('ArrowRight', 'select')).toEqual({ type: 'move', direction: 'right' });
  });

  it('leaves every arrow to a multi-line field', () => {
    expect(intent('ArrowDown', 'multiline')).toBeUndefined();
  });

  it('ignores Enter (links and buttons activate natively) and other keys', () => {
    expect(intent('Enter')).toBeUndefined();
    expect(intent('a')).toBeUndefined();
  });
});
