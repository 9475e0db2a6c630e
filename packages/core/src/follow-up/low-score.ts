import type { SurveyKind } from '../contract/vocabulary.js';

/**
 * The highest score of each survey kind that asks for a follow-up: a dissatisfied CSAT
 * (1-2 of 5) and an NPS detractor (0-6 of 10, as the NPS figure counts them,
 * docs/metrics.md). A CSAT of 3 is neutral: the CSAT share counts it as not satisfied,
 * but a list of every 3 would bury the 1s and 2s a lead must call back.
 */
export const LOW_SCORE_AT_MOST: Readonly<Record<SurveyKind, number>> = { csat: 2, nps: 6 };

/** Whether a survey's score puts it on the follow-up list. */
export const isLowScore = (kind: SurveyKind, score: number): boolean =>
  score <= LOW_SCORE_AT_MOST[kind];
