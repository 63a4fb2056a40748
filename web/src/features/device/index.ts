// The device a page was built for (web or the 10-foot TV layout). dpad.ts is not exported here:
// use-dpad.ts loads it on demand, on TV pages only.
export { deviceSlice, deviceStateFor, devicePreloadFor, selectDevice, selectIsTv } from './deviceSlice';
export type { Device, DeviceState } from './deviceSlice';
export { useDeviceSelector } from './hooks';
export { useDpad } from './use-dpad';
export type { DpadOptions } from './dpad';
