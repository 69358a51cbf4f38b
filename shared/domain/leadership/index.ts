export * from "./terms.js";
