export { availabilitySlice, availabilityStateFor, bindToLocation, noticeShown, selectNoticeFor } from './availabilitySlice';
export type { AvailabilityState, PageNotice } from './availabilitySlice';
export { ComingSoon } from './components/ComingSoon';
export { Unavailable } from './components/Unavailable';
