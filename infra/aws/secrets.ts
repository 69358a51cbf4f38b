import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

const secrets = new Map<string, Promise<string>>();
let client: SecretsManagerClient | undefined;

/** The text of the secret the environment variable `arnVariable` names, read once per container. */
export function secretText(arnVariable: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const id = env[arnVariable];
  if (!id) return Promise.reject(new Error(`${arnVariable} is not set`));
  let text = secrets.get(id);
  if (!text) {
    client ??= new SecretsManagerClient({});
    text = client.send(new GetSecretValueCommand({ SecretId: id })).then((out) => out.SecretString ?? "");
    // A failed read is tried again on the next use, not remembered.
    text.catch(() => secrets.delete(id));
    secrets.set(id, text);
  }
  return text;
}
