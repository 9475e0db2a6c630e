import type { CandidateDocument } from '../api/what-if-api';

/**
 * What to send for the text in the editor: a JSON object as JSON, anything else as YAML
 * text. YAML would read JSON too, but JSON sent as JSON is what the API documents, and
 * the gateway's YAML parser would then report a JSON typo as a YAML one.
 */
export function candidateDocument(text: string): CandidateDocument {
  if (text.trimStart().startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return { json: value as Record<string, unknown> };
    } catch {
      // Not JSON after all (YAML flow style starts with `{` too): the gateway says why.
    }
  }
  return { yaml: text };
}
