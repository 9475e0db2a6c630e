import { parsePolicyDocument, type PolicySet } from '@slawatch/core';

export function loadPolicies(yaml: string): PolicySet {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
}
