/**
 * What a qualified view is: one play that reported every milestone, in order of the stream,
 * from `start` to `complete`. The player earns a milestone only by playing up to it (seeking
 * ahead earns nothing); the API counts a play as a qualified view when all five arrived.
 */
export const VIEW_MILESTONES = ['start', '25', '50', '75', 'complete'] as const;
export type ViewMilestone = (typeof VIEW_MILESTONES)[number];

/** The share of the stream (0–1) a milestone stands for. */
export const MILESTONE_SHARE: Readonly<Record<ViewMilestone, number>> = { start: 0, '25': 0.25, '50': 0.5, '75': 0.75, complete: 1 };

/** Whether one play's milestones make a qualified view. */
export const isQualifiedView = (reached: Iterable<string>): boolean => {
  const set = new Set(reached);
  return VIEW_MILESTONES.every((m) => set.has(m));
};
