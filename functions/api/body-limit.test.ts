import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimitMiddleware } from "./body-limit.js";

const LIMIT = 1024;
let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.use("*", bodyLimitMiddleware(LIMIT));
  app.post("/echo", async (c) => c.json({ bytes: (await c.req.text()).length }));
  app.get("/health", (c) => c.json({ status: "ok" }));
  await new Promise<void>((ok) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => ok());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

/**
 * Writes raw requests on one kept-alive connection, each part after the given pause, and collects what
 * comes back until `responses` JSON responses have arrived, the server closes it, or 10 s pass.
 */
function exchange(
  parts: { after?: number; data: string }[],
  responses: number,
): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    let closedByServer = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedByServer });
    };
    const timer = setTimeout(done, 10_000);
    socket.on("data", (d) => {
      text += d.toString("latin1");
      if (statuses(text).length >= responses && text.endsWith("}")) done();
    });
    socket.on("end", () => {
      closedByServer = true;
      done();
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void (async () => {
      for (const part of parts) {
        await new Promise((r) => setTimeout(r, part.after ?? 0));
        if (socket.destroyed) return;
        socket.write(part.data);
      }
    })();
  });
}

const postHead = (length: number) =>
  `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\n\r\n`;
const post = (body: string) => postHead(body.length) + body;
const get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

describe("an oversized body over a kept-alive connection", () => {
  it("a body within the limit leaves the connection open for the next request", async () => {
    const { text, closedByServer } = await exchange([{ data: post("x".repeat(LIMIT)) + get }], 2);
    expect(statuses(text)).toEqual([200, 200]);
    expect(closedByServer).toBe(false);
  });

  it("the 413 says Connection: close, and the server then closes it", async () => {
    const { text, closedByServer } = await exchange([{ data: post("x".repeat(LIMIT * 4)) + get }], 2);
    expect(statuses(text)).toEqual([413]);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(text).toContain('"code":"payload_too_large"');
    expect(closedByServer).toBe(true);
  });

  it("after a 413 for a slow upload, the next request is answered or the 413 said the connection closes", async () => {
    // The server answers 413 from Content-Length alone and stops draining the rest after a while.
    const { text } = await exchange(
      [
        { data: `${postHead(LIMIT * 64)}${"x".repeat(100)}` },
        { after: 1500, data: "x".repeat(LIMIT * 64 - 100) + get },
      ],
      2,
    );
    const saidClose = /\r\nconnection: close\r\n/i.test(text);
    expect(statuses(text)[0]).toBe(413);
    expect(saidClose || statuses(text)[1] === 200).toBe(true);
    expect(saidClose).toBe(true);
  });

  it("a keep-alive client's next request after a 413 is answered", async () => {
    const { Agent, request } = await import("node:http");
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, method, path, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect(await send("POST", "/echo", "y".repeat(LIMIT * 8))).toBe(413);
      expect(await send("GET", "/health")).toBe(200);
      expect(await send("POST", "/echo", "z")).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
