import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One SendSms request the stand-in accepted as signed. */
export interface SmsRequest {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string;
}

export interface SmsStandIn {
  /** `host:port`, for the SDK's endpoint. */
  endpoint: string;
  /** Every signed SendSms request, accepted or refused by `answer`. */
  requests: SmsRequest[];
  /** Requests refused for their signature. */
  badSignatures: number;
  stop(): Promise<void>;
}

/** RFC 3986 percent-encoding, as the V3 signature's canonical query string wants it. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * Checks an Alibaba Cloud V3 signature (ACS3-HMAC-SHA256), computed here from the documented algorithm:
 * the canonical request of method, path, sorted query, signed headers and payload hash, signed with the secret.
 */
function signatureProblem(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  keys: Record<string, string>,
): string | undefined {
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
    req.headers.authorization ?? "",
  );
  if (!auth) return "no ACS3-HMAC-SHA256 Authorization header";
  const [, keyId, signedList, signature] = auth as unknown as [string, string, string, string];
  const secret = keys[keyId];
  if (!secret) return `unknown AccessKeyId ${keyId}`;
  const signed = signedList.split(";");
  for (const required of [
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
  ]) {
    if (!signed.includes(required)) return `${required} is not signed`;
  }
  const payloadHash = sha256(body);
  if (req.headers["x-acs-content-sha256"] !== payloadHash)
    return "x-acs-content-sha256 does not match the body";
  const query = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join("&");
  const headers = signed.map((h) => `${h}:${String(req.headers[h] ?? "").trim()}\n`).join("");
  const canonical = [req.method, url.pathname, query, headers, signed.join(";"), payloadHash].join("\n");
  const expected = createHmac("sha256", secret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
    .digest();
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : "signature does not match";
}

/**
 * A local stand-in of Alibaba Cloud SMS's SendSms (dysmsapi 2017-05-25) over http. Requests whose V3
 * signature does not check are refused as the provider refuses them; `answer` gives every other request's
 * result code (`OK`, `isv.BUSINESS_LIMIT_CONTROL`, `isv.SMS_TEMPLATE_ILLEGAL` …).
 */
export async function startSmsStandIn(
  keys: Record<string, string>,
  answer: (request: SmsRequest, nth: number) => string,
): Promise<SmsStandIn> {
  const requests: SmsRequest[] = [];
  const state = { badSignatures: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const body = Buffer.concat(chunks);
      const reply = (status: number, json: Record<string, unknown>) => {
        res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
        res.end(JSON.stringify({ RequestId: `req-${requests.length}`, ...json }));
      };
      const problem = signatureProblem(req, url, body, keys);
      if (problem) {
        state.badSignatures++;
        reply(400, {
          Code: "SignatureDoesNotMatch",
          Message: `Specified signature is not matched: ${problem}`,
        });
        return;
      }
      if (req.headers["x-acs-action"] !== "SendSms" || req.headers["x-acs-version"] !== "2017-05-25") {
        reply(400, { Code: "InvalidAction.NotFound", Message: "only SendSms 2017-05-25 stands in here" });
        return;
      }
      const q = url.searchParams;
      const request: SmsRequest = {
        phoneNumbers: q.get("PhoneNumbers") ?? "",
        signName: q.get("SignName") ?? "",
        templateCode: q.get("TemplateCode") ?? "",
        templateParam: JSON.parse(q.get("TemplateParam") ?? "{}"),
        outId: q.get("OutId") ?? "",
      };
      requests.push(request);
      const code = answer(request, requests.filter((r) => r.phoneNumbers === request.phoneNumbers).length);
      reply(200, {
        Code: code,
        Message: code === "OK" ? "OK" : `refused: ${code}`,
        ...(code === "OK" ? { BizId: `biz-${requests.length}` } : {}),
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    requests,
    get badSignatures() {
      return state.badSignatures;
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
