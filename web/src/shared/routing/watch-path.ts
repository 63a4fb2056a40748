/**
 * The player's URL, and the sign-in URL that returns to it (the same `next` form the edge's
 * redirect uses). In shared so any feature (a catalog's workout list, the player) can link to it.
 */
export const watchPath = (workoutId: string): string => `/watch/${encodeURIComponent(workoutId)}`;

export const loginPathForWatch = (workoutId: string): string => `/login?next=${encodeURIComponent(watchPath(workoutId))}`;
