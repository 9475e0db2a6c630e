/** Where the problems of a backtest's document sit in its request body. */
const BODY_POLICIES = 'body.policies';

/**
 * A problem's path as the person editing the document reads it: within the document
 * (`policies[0].id`), whichever route named it (validate answers paths within the
 * document, the backtest within its body), and the document itself when it is the whole.
 */
export function documentPath(path: string): string {
  const within =
    path === BODY_POLICIES
      ? ''
      : path.startsWith(`${BODY_POLICIES}.`) || path.startsWith(`${BODY_POLICIES}[`)
        ? path.slice(BODY_POLICIES.length).replace(/^\./, '')
        : path;
  return within === '' ? '(the document)' : within;
}

/** A problem of the request's other fields (`body.from`) by the field's name (`from`). */
export const fieldPath = (path: string): string => path.replace(/^body\./, '');
