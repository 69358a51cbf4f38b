export {
  type ExpiryAction,
  type ExpiryRule,
  endStatusOf,
  expiryActionOf,
  expiryRules,
  type MissedDeadlineRule,
} from "./expiry.js";
export {
  type Audience,
  defaultLadders,
  type Firing,
  ladderFirings,
  type Rung,
  type RungAction,
} from "./ladder.js";
export {
  createDeadline,
  type ExtensionRefusal,
  expiryInstant,
  extendDeadline,
  type Firings,
  fireDeadlineAt,
  generationOf,
  isLive,
  isSettled,
  type NewDeadline,
  nextFiring,
  pauseDeadline,
  type Reopened,
  reconcileDeadline,
  redateDeadline,
  restartDeadline,
  rungMessageRef,
  settleDeadline,
} from "./lifecycle.js";
export { type QuietHours, smsSendableAt } from "./quiet-hours.js";
