import { createSlice } from '@reduxjs/toolkit';

/** Which UI a document was built for: the web layout, or the 10-foot TV layout. */
export type Device = 'web' | 'tv';

/**
 * The edge serves TV viewers the `/tv/...` object of a page at its pretty URL (/programs/x), so
 * the browser cannot tell from the URL: the prerender writes the page's device into the
 * preloaded state, and it holds for the life of the document (client-side navigation included).
 */
export interface DeviceState {
  readonly kind: Device;
}

const initialState: DeviceState = { kind: 'web' };

export const deviceSlice = createSlice({
  name: 'device',
  initialState,
  reducers: {},
  selectors: {
    selectDevice: (state): Device => state.kind,
    selectIsTv: (state): boolean => state.kind === 'tv',
  },
});

export const { selectDevice, selectIsTv } = deviceSlice.selectors;

/** The state a prerendered page carries for its device. */
export const deviceStateFor = (device: Device): DeviceState => ({ kind: device });

/**
 * What a page serializes of its device: nothing for web (the initial state), so web pages stay
 * byte-for-byte what they were and only TV objects carry the slice.
 */
export const devicePreloadFor = (state: DeviceState): { device?: DeviceState } => (state.kind === 'tv' ? { device: state } : {});
