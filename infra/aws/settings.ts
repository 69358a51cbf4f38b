import { loadSettingsFromEnv, loadSettingsText } from "../../shared/settings/index.js";
import { type ParameterReadOptions, readParameter } from "./adapters/ssm-parameter.js";
import { ENV } from "./environment.js";

/**
 * The jurisdiction settings of a deployed function: the stack's SSM parameter, read once at init and
 * validated by the same zod schema as everywhere (a bad value fails the init, naming the field); without a
 * parameter, SETTINGS_JSON or the national defaults.
 */
export async function loadDeployedSettings(
  env: Record<string, string | undefined>,
  opts: Pick<ParameterReadOptions, "endpoint" | "fetcher"> = {},
): Promise<void> {
  const name = env[ENV.settingsParameter];
  if (!name) return loadSettingsFromEnv(env);
  const region = env.AWS_REGION;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!region || !accessKeyId || !secretAccessKey) {
    throw new Error("reading the settings parameter needs AWS_REGION and the function's credentials");
  }
  const sessionToken = env.AWS_SESSION_TOKEN;
  const { value, version } = await readParameter(name, {
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    ...opts,
  });
  loadSettingsText(value, `parameter ${name} (version ${version})`);
}

let loaded: Promise<void> | undefined;

/** Once per container: every later call waits on the same read, and a failed one is tried again. */
export function deployedSettingsOnce(env: Record<string, string | undefined>): Promise<void> {
  loaded ??= loadDeployedSettings(env).catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
