import type { LocalRuntime } from "../../infra/local/runtime.js";

/** A browser's cookie jar over app.request: what the pages set, sent back on the next request. */
export class Browser {
  private cookies = new Map<string, string>();
  private providerCookies = new Map<string, string>();
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

  /** A request to the identity provider, as this browser: its own cookies there, redirects not followed. */
  async atProvider(url: string, form?: Record<string, string>) {
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...this.providerCookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) this.providerCookies.set(name, value.join("="));
    }
    const location = res.headers.get("location");
    return {
      status: res.status,
      location: location ? new URL(location, url).href : null,
      html: await res.text(),
    };
  }

  /**
   * The provider's part of a sign-in: from its authorization URL through its sign-in page, where `choice`
   * is what the page posts (a demo person or a typed subject), to the callback URL it sends the browser to.
   */
  async throughProvider(authorizationUrl: string, choice: Record<string, string>): Promise<string> {
    const toPage = await this.atProvider(authorizationUrl);
    if (toPage.status !== 303 || !toPage.location) throw new Error(`the provider answered ${toPage.status}`);
    const page = await this.atProvider(toPage.location);
    if (page.status !== 200) throw new Error(`the sign-in page answered ${page.status}: ${page.html}`);
    const resumed = await this.atProvider(`${toPage.location}/login`, choice);
    if (!resumed.location) throw new Error(`the sign-in was refused (${resumed.status}): ${resumed.html}`);
    const back = await this.atProvider(resumed.location);
    if (!back.location) throw new Error(`the provider did not send the browser back (${back.status})`);
    return back.location;
  }

  /** A path of the app, from a URL the provider sends the browser to. */
  static pathOf(url: string): string {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  }

  /** Signs in as a browser does: /sign-in, the provider's sign-in page, then the app's callback. */
  async signIn(choice: Record<string, string>) {
    const start = await this.request("GET", "/sign-in");
    if (start.status !== 303 || !start.location) throw new Error(`GET /sign-in answered ${start.status}`);
    return this.request("GET", Browser.pathOf(await this.throughProvider(start.location, choice)));
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
