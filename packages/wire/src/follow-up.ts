/** The kinds of survey, as the API names them. A copy of core's (wire imports nothing). */
export const SURVEY_KINDS = ['csat', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/**
 * A low survey score on the follow-up list (CSAT 1-2 of 5, NPS 0-6 of 10), with the
 * dimension values of its ticket as they are now; `-` in a text field means "no value".
 */
export interface FollowUp {
  readonly ticketId: string;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  readonly assignee: string;
  readonly kind: SurveyKind;
  /** CSAT 1-5, NPS 0-10. */
  readonly score: number;
  /** When the survey was answered (its event's time). */
  readonly at: string;
}
