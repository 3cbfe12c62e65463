/**
 * A citizen's browser for the single sign-on tests: keeps cookies (by path, as a browser does),
 * follows redirects by hand and stops where the provider hands over to the agency app (a Location
 * outside the provider's origin). Each browser comes from its own client address (X-Forwarded-For),
 * so the login throttle of one test never locks out another.
 */
export interface Page {
  status: number;
  url: string;
  body: string;
  /** Set when the walk stopped at a redirect that leaves the provider (the app's redirect URI). */
  location?: string;
  headers: Headers;
}

interface Cookie {
  value: string;
  path: string;
}

export class Browser {
  private readonly jar = new Map<string, Cookie>();
  readonly address = `10.${rand()}.${rand()}.${rand()}`;

  /**
   * `balancer` plays a load balancer: `route` picks the replica each request goes to, `unroute`
   * turns a replica's own address in a redirect back into the public one (a real balancer keeps
   * the Host header, so replicas never hand out their own addresses).
   */
  constructor(
    private readonly headers: Record<string, string> = {},
    private readonly balancer: { route: (url: string) => string; unroute: (url: string) => string } = { route: (u) => u, unroute: (u) => u },
  ) {}

  async get(url: string): Promise<Page> {
    return this.follow(url, { method: 'GET' });
  }

  /** Submits a form the way a browser does (urlencoded, repeated names for lists), then follows redirects. */
  async submit(url: string, form: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.follow(url, { method: 'POST', body });
  }

  hasCookie(name: string): boolean {
    return [...this.jar.keys()].some((k) => k.startsWith(`${name}|`));
  }

  private async follow(start: string, first: { method: 'GET' | 'POST'; body?: URLSearchParams }): Promise<Page> {
    let url = start;
    let init = first;
    for (let hops = 0; hops < 10; hops++) {
      const target = new URL(url);
      const res = await fetch(this.balancer.route(url), {
        method: init.method,
        redirect: 'manual',
        headers: {
          ...this.headers,
          'x-forwarded-for': this.address,
          cookie: this.cookieHeader(target.pathname),
          ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: init.body,
      });
      this.keep(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(this.balancer.unroute(new URL(location, this.balancer.route(url)).href));
        if (next.origin !== target.origin) return { status: res.status, url, body: await res.text(), location: next.href, headers: res.headers };
        url = next.href;
        init = { method: 'GET' };
        continue;
      }
      return { status: res.status, url, body: await res.text(), headers: res.headers };
    }
    throw new Error(`too many redirects from ${start}`);
  }

  private cookieHeader(path: string): string {
    return [...this.jar.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
  }

  private keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (n: string) => attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const path = attr('path') ?? '/';
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() <= Date.now());
      if (gone || value === '') this.jar.delete(`${name}|${path}`);
      else this.jar.set(`${name}|${path}`, { value, path });
    }
  }
}

function rand(): number {
  return 1 + Math.floor(Math.random() * 250);
}

/** The action of the form whose URL ends with `/<step>` on a provider page. */
export function formAction(page: Page, step: 'login' | 'confirm' | 'abort'): string {
  const match = new RegExp(`action="([^"]*/${step})"`).exec(page.body);
  if (!match) throw new Error(`no ${step} form on the page (${page.status}):\n${page.body.slice(0, 2000)}`);
  return new URL(match[1].replace(/&amp;/g, '&'), page.url).href;
}
