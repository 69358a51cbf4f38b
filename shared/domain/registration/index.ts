export * from "./change.js";
export * from "./deregistration.js";
export * from "./name-check.js";
export * from "./rules.js";
