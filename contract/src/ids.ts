/**
 * The shapes of Stride's identifiers, one pattern each: the content schema validates files with
 * them, the API checks path parameters with them, the edge and the player build URLs from values
 * that passed them.
 */

/** A program slug (also a media folder name): lowercase words joined by single hyphens, at most 80 characters. */
export const SLUG = /^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_RULE = 'lowercase words joined by single hyphens, at most 80 characters';

/** A workout id: `w-` then lowercase letters, digits and hyphens, at most 82 characters in all. */
export const WORKOUT_ID = /^w-[a-z0-9-]{1,80}$/;
export const WORKOUT_ID_RULE = '"w-" then 1 to 80 lowercase letters, digits and hyphens';

/** A play's id, chosen by the player: 8–64 URL-safe characters. */
export const PLAY_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const PLAY_ID_RULE = '8–64 letters, digits, "-" or "_"';

/** An ISO 3166-1 alpha-2 country code, as licences list them and CloudFront-Viewer-Country sends them. */
export const COUNTRY = /^[A-Z]{2}$/;

export const isSlug = (value: string): boolean => SLUG.test(value);
export const isWorkoutId = (value: string): boolean => WORKOUT_ID.test(value);
