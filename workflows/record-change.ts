import { applicationReviewDefinition } from "./registration.js";

/** 变更登记: approval changes the record, never the USCC. Input: { caseId, consent? } (经业务主管单位同意 first). */
export const changeDefinition = applicationReviewDefinition({
  comment: "Change registration (变更登记) of a social organization",
  reviewStep: "change_review",
  queue: "change",
  approveStep: "approve-change",
  consentStep: "change_consent",
});

/** 注销登记: approval ends the registration and closes everything still open. Input: { caseId, consent? }. */
export const deregistrationDefinition = applicationReviewDefinition({
  comment: "Deregistration (注销登记) of a social organization",
  reviewStep: "deregistration_review",
  queue: "deregistration",
  approveStep: "approve-deregistration",
  consentStep: "deregistration_consent",
});
