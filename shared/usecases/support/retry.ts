export { type RetryOptions, retryOnConflict } from "../../ports/retry.js";
