import type { SurveyKind } from '@slawatch/wire';

/** The top of each survey's scale (CSAT 1-5, NPS 0-10). */
const OUT_OF: Readonly<Record<SurveyKind, number>> = { csat: 5, nps: 10 };

/** A survey's score on its scale, as supervisors say it: "CSAT 2/5", "NPS 3/10". */
export const formatSurveyScore = (kind: SurveyKind, score: number): string =>
  `${kind.toUpperCase()} ${score}/${OUT_OF[kind]}`;
