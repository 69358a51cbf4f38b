export * from "./event-case.js";
export * from "./windows.js";
