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
export { type QuietHours, smsSendableAt } from "./quiet-hours.js";
