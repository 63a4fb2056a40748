import { useSelector } from 'react-redux';
import type { DeviceState } from './deviceSlice';

/** Typed on this feature's part of the root state, so the feature never imports the app's store. */
export const useDeviceSelector = useSelector.withTypes<{ device: DeviceState }>();
