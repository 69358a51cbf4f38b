export * from "./windows.js";
