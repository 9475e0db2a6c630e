/**
 * Renders a validation path the way operators read it: `policies[2].targets.resolution`,
 * `data.tags[0]`. Keys that are not plain identifiers are quoted (`weekly["mon day"]`).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$.-]*$/.test(key))
      out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
