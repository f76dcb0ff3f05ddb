// Logging in and out, and the session's own facts.
import { z } from "zod";
import type { ConsoleContext } from "./context.js";
import { serializeCookie } from "./cookies.js";
import { ApiError, route, type Route } from "./routes.js";

const sessionFacts = z.object({ user: z.string(), role: z.enum(["viewer", "editor", "admin"]), csrf: z.string(), expiresAt: z.string() });

export function sessionRoutes(c: ConsoleContext): Route[] {
  const secure = !!c.config.console.tls;
  return [
    route<Record<string, never>, Record<string, never>, { user: string; password: string }>({
      method: "POST",
      path: "/login",
      tag: "session",
      summary: "Log in: sets the session cookie (HttpOnly, SameSite=Strict) and answers the session's CSRF token",
      access: "public",
      body: z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
      response: sessionFacts,
      async handler({ body, address, header }) {
        const result = await c.auth.login(body.user.trim(), body.password, address);
        if (!result.ok) {
          const retryAfterSeconds = Math.ceil((result.retryAfterMs ?? 0) / 1000);
          if (result.reason === "throttled") throw new ApiError(429, "throttled", `too many failed logins from this address: wait ${retryAfterSeconds} s`, { retryAfterSeconds });
          if (result.reason === "locked") throw new ApiError(423, "locked", `this account is locked after too many wrong passwords: wait ${Math.ceil(retryAfterSeconds / 60)} min, or ask an admin to set a new password`, { retryAfterSeconds });
          throw new ApiError(401, "bad_credentials", "wrong user name or password");
        }
        const s = result.session;
        header("Set-Cookie", [
          serializeCookie(c.cookieNames.session, result.token, { secure, maxAgeSeconds: c.config.console.session.maxHours * 3600 }),
          serializeCookie(c.cookieNames.login, "", { secure, maxAgeSeconds: 0 }),
        ]);
        return { user: s.user, role: s.role, csrf: s.csrf, expiresAt: new Date(s.expiresAt).toISOString() };
      },
    }),
    route({
      method: "POST",
      path: "/logout",
      tag: "session",
      summary: "Log out: ends the session",
      access: "viewer",
      async handler({ session, header }) {
        await c.auth.logout(session!);
        header("Set-Cookie", serializeCookie(c.cookieNames.session, "", { secure, maxAgeSeconds: 0 }));
        return { ok: true };
      },
    }),
    route({
      method: "GET",
      path: "/session",
      tag: "session",
      summary: "Who is logged in, with which role, and the CSRF token every change must carry",
      access: "viewer",
      response: sessionFacts,
      handler: ({ session }) => ({ user: session!.user, role: session!.role, csrf: session!.csrf, expiresAt: new Date(session!.expiresAt).toISOString() }),
    }),
  ];
}
