import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { settingsFor } from "../../../shared/settings/index.js";
import { ENV } from "../environment.js";
import { loadDeployedSettings } from "../settings.js";
import { readParameter, ssmEndpoint } from "./ssm-parameter.js";

const REGION = "cn-northwest-1";
const KEY = { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret", sessionToken: "session-1" };
const parameters = new Map<string, string>();
const seen: { target?: string; body: string }[] = [];
let server: Server;
let endpoint: string;

const hex = (data: string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** SigV4 as the service checks it, written from the specification, independently of the client's signer. */
function signatureValid(req: IncomingMessage, body: string): boolean {
  const auth = req.headers.authorization ?? "";
  const m = auth.match(
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/ssm\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/,
  );
  if (!m) return false;
  const [, keyId, date, region, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== KEY.accessKeyId || region !== REGION) return false;
  const amzDate = String(req.headers["x-amz-date"]);
  const names = (signedHeaders as string).split(";");
  if (!names.includes("host") || !names.includes("x-amz-target")) return false;
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n]).trim()}\n`).join("");
  const canonical = ["POST", "/", "", canonicalHeaders, signedHeaders, hex(body)].join("\n");
  const scope = `${date}/${region}/ssm/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, hex(canonical)].join("\n");
  const key = hmac(
    hmac(hmac(hmac(`AWS4${KEY.secretAccessKey}`, date as string), region as string), "ssm"),
    "aws4_request",
  );
  return createHmac("sha256", key).update(toSign).digest("hex") === signature;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const target = req.headers["x-amz-target"] as string | undefined;
    seen.push({ ...(target ? { target } : {}), body });
    const answer = (status: number, json: unknown) =>
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(json));
    if (!signatureValid(req, body) || req.headers["x-amz-security-token"] !== KEY.sessionToken) {
      return answer(400, { __type: "InvalidSignatureException", message: "signature does not match" });
    }
    if (target !== "AmazonSSM.GetParameter") return answer(400, { __type: "UnknownOperationException" });
    const { Name } = JSON.parse(body) as { Name: string };
    const value = parameters.get(Name);
    if (value === undefined) return answer(400, { __type: "ParameterNotFound", message: Name });
    answer(200, { Parameter: { Name, Type: "String", Value: value, Version: 3 } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const env = (name: string) => ({
  [ENV.settingsParameter]: name,
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: KEY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
  AWS_SESSION_TOKEN: KEY.sessionToken,
});

describe("the settings parameter", () => {
  it("is read with one signed GetParameter call", async () => {
    parameters.set("/socorg/test/settings", '{"310114":{"registration":{"supplementPeriodDays":20}}}');
    const read = await readParameter("/socorg/test/settings", { region: REGION, credentials: KEY, endpoint });
    expect(read).toEqual({ value: '{"310114":{"registration":{"supplementPeriodDays":20}}}', version: 3 });
    expect(seen).toEqual([{ target: "AmazonSSM.GetParameter", body: '{"Name":"/socorg/test/settings"}' }]);
  });

  it("refused for a bad signature or a missing parameter, with the service's reason", async () => {
    const wrong = { ...KEY, secretAccessKey: "not-it" };
    await expect(
      readParameter("/socorg/test/settings", { region: REGION, credentials: wrong, endpoint }),
    ).rejects.toThrow(/InvalidSignatureException/);
    await expect(readParameter("/nope", { region: REGION, credentials: KEY, endpoint })).rejects.toThrow(
      /ParameterNotFound/,
    );
  });

  it("configures the settings at init, validated by the settings schema", async () => {
    parameters.set("/socorg/test/good", '{"310114":{"registration":{"supplementPeriodDays":25}}}');
    await loadDeployedSettings(env("/socorg/test/good"), { endpoint });
    expect(settingsFor("310114").registration.supplementPeriodDays).toBe(25);
    parameters.set("/socorg/test/bad", '{"310114":{"registration":{"supplementPeriodDays":-1}}}');
    await expect(loadDeployedSettings(env("/socorg/test/bad"), { endpoint })).rejects.toThrow(
      /supplementPeriodDays/,
    );
    await loadDeployedSettings({}, { endpoint });
    expect(settingsFor("310114").registration.supplementPeriodDays).not.toBe(25);
  });

  it("lives at the region's own endpoint, amazonaws.com.cn in China", () => {
    expect(ssmEndpoint("cn-northwest-1")).toBe("https://ssm.cn-northwest-1.amazonaws.com.cn");
    expect(ssmEndpoint("ap-east-1")).toBe("https://ssm.ap-east-1.amazonaws.com");
  });
});
