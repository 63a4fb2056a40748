import { loginPathFor, watchPath } from '@stride/contract/urls';

/** The sign-in URL that returns to a workout's player (the same `next` form the edge's redirect uses). */
export const loginPathForWatch = (workoutId: string): string => loginPathFor(watchPath(workoutId));
