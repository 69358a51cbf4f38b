import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === "string"
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 (or its HMAC, given a secret) from node:crypto, in the shape the SigV4 signer takes. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error("not resettable");
  }
}

export interface ParameterReadOptions {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Systems Manager's endpoint; the region's own (amazonaws.com.cn in China) when unset. */
  endpoint?: string;
  fetcher?: typeof fetch;
}

export const ssmEndpoint = (region: string): string =>
  `https://ssm.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;

/**
 * One GetParameter call to Systems Manager Parameter Store (JSON 1.1 protocol, SigV4-signed with the
 * function's own credentials): the parameter's value and version.
 */
export async function readParameter(
  name: string,
  opts: ParameterReadOptions,
): Promise<{ value: string; version: number }> {
  const url = new URL(opts.endpoint ?? ssmEndpoint(opts.region));
  const body = JSON.stringify({ Name: name });
  const signer = new SignatureV4({
    service: "ssm",
    region: opts.region,
    credentials: opts.credentials,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: "/",
    query: {},
    headers: {
      host: url.host,
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AmazonSSM.GetParameter",
    },
    body,
  });
  const res = await (opts.fetcher ?? fetch)(url, {
    method: "POST",
    headers: signed.headers,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const answer = (await res.json().catch(() => ({}))) as {
    Parameter?: { Value?: unknown; Version?: unknown };
    __type?: string;
    message?: string;
  };
  if (!res.ok) {
    throw new Error(
      `reading parameter ${name}: ${answer.__type ?? res.status} ${answer.message ?? ""}`.trim(),
    );
  }
  const value = answer.Parameter?.Value;
  if (typeof value !== "string") throw new Error(`parameter ${name} has no value`);
  return { value, version: Number(answer.Parameter?.Version ?? 0) };
}
