import { describe, expect, it } from 'vitest';
import { commandForKey, formatClock } from './keyboard';

const on = (targetRole: 'slider' | 'button' | 'select' | 'text' | 'other') => ({ targetRole });

describe('commandForKey', () => {
  it('maps the shortcuts on the player surface', () => {
    expect(commandForKey(' ', on('other'))).toEqual({ type: 'toggle-play' });
    expect(commandForKey('k', on('other'))).toEqual({ type: 'toggle-play' });
    expect(commandForKey('Enter', on('other'))).toEqual({ type: 'toggle-play' });
    expect(commandForKey('j', on('other'))).toEqual({ type: 'seek-by', seconds: -10 });
    expect(commandForKey('L', on('other'))).toEqual({ type: 'seek-by', seconds: 10 });
    expect(commandForKey('ArrowLeft', on('other'))).toEqual({ type: 'seek-by', seconds: -5 });
    expect(commandForKey('ArrowRight', on('other'))).toEqual({ type: 'seek-by', seconds: 5 });
    expect(commandForKey('ArrowUp', on('other'))).toEqual({ type: 'volume-by', delta: 0.1 });
    expect(commandForKey('ArrowDown', on('other'))).toEqual({ type: 'focus-controls' });
    expect(commandForKey('f', on('other'))).toEqual({ type: 'toggle-fullscreen' });
    expect(commandForKey('m', on('other'))).toEqual({ type: 'toggle-mute' });
    expect(commandForKey('c', on('other'))).toEqual({ type: 'toggle-captions' });
    expect(commandForKey('BrowserBack', on('other'))).toEqual({ type: 'back' });
  });

  it('leaves native controls their own keys', () => {
    expect(commandForKey(' ', on('button'))).toBeUndefined();
    expect(commandForKey('Enter', on('button'))).toBeUndefined();
    expect(commandForKey('ArrowLeft', on('slider'))).toBeUndefined();
    expect(commandForKey('ArrowDown', on('select'))).toBeUndefined();
    expect(commandForKey('ArrowRight', on('slider'))).toBeUndefined();
    expect(commandForKey('k', on('text'))).toBeUndefined();
    // Letter shortcuts still work while a button has focus.
    expect(commandForKey('k', on('button'))).toEqual({ type: 'toggle-play' });
  });

  it('moves a D-pad between controls on the control bar instead of seeking', () => {
    expect(commandForKey('ArrowLeft', on('button'))).toEqual({ type: 'focus-control', step: -1 });
    expect(commandForKey('ArrowRight', on('button'))).toEqual({ type: 'focus-control', step: 1 });
    expect(commandForKey('ArrowUp', on('button'))).toEqual({ type: 'focus-stage' });
    expect(commandForKey('ArrowDown', on('button'))).toBeUndefined();
    expect(commandForKey('ArrowRight', on('select'))).toEqual({ type: 'focus-control', step: 1 });
  });

  it('lets a D-pad leave a slider upwards (a remote has no Tab), keeping its value keys', () => {
    expect(commandForKey('ArrowUp', on('slider'))).toEqual({ type: 'focus-stage' });
    expect(commandForKey('ArrowDown', on('slider'))).toBeUndefined();
    expect(commandForKey('ArrowUp', on('select'))).toBeUndefined();
  });

  it('takes Back from TV remotes by name or, where the engine names no key, by code', () => {
    expect(commandForKey('XF86Back', on('other'))).toEqual({ type: 'back' });
    expect(commandForKey('Unidentified', { targetRole: 'button', keyCode: 10009 })).toEqual({ type: 'back' });
    expect(commandForKey('Unidentified', { targetRole: 'slider', keyCode: 461 })).toEqual({ type: 'back' });
    expect(commandForKey('Unidentified', { targetRole: 'other', keyCode: 65 })).toBeUndefined();
  });

  it('leaves browser shortcuts and unknown keys alone', () => {
    expect(commandForKey('f', on('other'), { ctrl: true })).toBeUndefined();
    expect(commandForKey('Escape', on('other'))).toBeUndefined();
    expect(commandForKey('x', on('other'))).toBeUndefined();
  });
});

describe('formatClock', () => {
  it('formats minutes and hours', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65.9)).toBe('1:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });
});
