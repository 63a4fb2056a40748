import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { devicePreloadFor, deviceSlice, deviceStateFor, selectDevice, selectIsTv } from './deviceSlice';

const storeWith = (device?: 'web' | 'tv') =>
  configureStore({ reducer: { device: deviceSlice.reducer }, ...(device ? { preloadedState: { device: deviceStateFor(device) } } : {}) });

describe('device slice', () => {
  it('is web unless the page says otherwise', () => {
    const state = storeWith().getState();
    expect(selectDevice(state)).toBe('web');
    expect(selectIsTv(state)).toBe(false);
  });

  it('keeps the device the prerendered page carried', () => {
    const state = storeWith('tv').getState();
    expect(selectDevice(state)).toBe('tv');
    expect(selectIsTv(state)).toBe(true);
  });

  it('serializes only a TV device, so web pages keep their bytes', () => {
    expect(devicePreloadFor(deviceStateFor('web'))).toEqual({});
    expect(devicePreloadFor(deviceStateFor('tv'))).toEqual({ device: { kind: 'tv' } });
  });
});
