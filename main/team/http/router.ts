// A small router: method + path pattern (":name" segments) → handler. Each route states which
// kind of caller it accepts, and the server authenticates before the handler runs, so no
// handler can forget to.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';

export type Access = 'device' | 'staff' | 'enrolment-code';

export interface Reply {
  status: number;
  body: unknown;
}

export interface RouteContext<P> {
  principal: P;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parses and validates the JSON body; a bad body is a 400 naming the field. */
  body<T>(schema: z.ZodType<T>): Promise<T>;
  req: IncomingMessage;
}

export interface Route<P> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  access: Access;
  handler: (ctx: RouteContext<P>) => Promise<Reply>;
}

interface CompiledRoute<P> extends Route<P> {
  regex: RegExp;
  names: string[];
}

export class Router<P> {
  private readonly routes: CompiledRoute<P>[] = [];

  add(route: Route<P>): this {
    const names: string[] = [];
    const pattern = route.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ ...route, regex: new RegExp(`^${pattern}$`), names });
    return this;
  }

  match(method: string, pathname: string): { route: CompiledRoute<P>; params: Record<string, string> } {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1]!);
      });
      return { route, params };
    }
    throw pathMatched ? new HttpError(405, `${method} is not allowed on ${pathname}`) : new HttpError(404, `no such endpoint: ${pathname}`);
  }
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}
