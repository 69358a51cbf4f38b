export { type ExpiryAction, type ExpiryRule, expiryActionOf, expiryRules } from "./expiry.js";
export {
  type Audience,
  type DueFirings,
  defaultLadders,
  dueFirings,
  type Firing,
  ladderFirings,
  type Rung,
  type RungAction,
} from "./ladder.js";
export {
  createDeadline,
  type ExtensionRefusal,
  extendDeadline,
  type Firings,
  fireDeadlineAt,
  generationOf,
  isLive,
  isSettled,
  type NewDeadline,
  pauseDeadline,
  type Reopened,
  reconcileDeadline,
  restartDeadline,
  rungMessageRef,
  settleDeadline,
} from "./lifecycle.js";
export { type QuietHours, smsSendableAt } from "./quiet-hours.js";
