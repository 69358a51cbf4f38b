import type { LocalRuntime } from "../../infra/local/runtime.js";

/** A browser's cookie jar over app.request: what the pages set, sent back on the next request. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly h: { runtime: Pick<LocalRuntime, "app" | "settled"> }) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const res = await this.h.runtime.app.request(path, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) this.cookies.set(name, value.join("="));
    }
    await this.h.runtime.settled();
    return {
      status: res.status,
      location: res.headers.get("location"),
      html: await res.text(),
      headers: res.headers,
    };
  }

  csrfFrom(html: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error("no CSRF token on the page");
    return token;
  }

  async post(path: string, form: Record<string, string>, from = path) {
    const page = await this.request("GET", from);
    return this.request("POST", path, { _csrf: this.csrfFrom(page.html), ...form });
  }
}
