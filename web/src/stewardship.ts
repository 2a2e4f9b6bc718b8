// Stewards' decisions on classifications, through the GraphQL mutations of the classify work.
import { gql } from "./api";
import type { StewardActions } from "./components";
import type { Assignment } from "./queries";

const ACCEPT = `mutation Accept($input: ClassificationDecisionInput!) {
  acceptClassification(input: $input) { status }
}`;
const REJECT = `mutation Reject($input: ClassificationDecisionInput!) {
  rejectClassification(input: $input) { status }
}`;

/** Accept/reject on `targetId` (a column or dataset), then `done` (re-render). */
export function stewardActions(targetId: string, done: () => Promise<void> | void): StewardActions {
  const decide = async (doc: string, a: Assignment) => {
    await gql(doc, { input: { subjectId: targetId, classification: a.classification.name } });
    await done();
  };
  return {
    accept: (a) => decide(ACCEPT, a),
    reject: (a) => decide(REJECT, a),
  };
}
