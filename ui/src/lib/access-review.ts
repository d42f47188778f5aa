// What the Review access step says in plain words about the access stack
// beyond what the engine sends (the trust sentence is the engine's
// `trust_summary`, made from the same inputs as the trust policy).

/** The last part of a managed policy ARN: `AdministratorAccess`. */
export function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1) || arn;
}
