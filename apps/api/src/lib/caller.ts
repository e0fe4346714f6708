import type { Actor } from "@ensemble/access/policy";
import type { SessionUser } from "@ensemble/auth/sessions";
import { AppError } from "@ensemble/contracts/errors";
import type { Context } from "hono";
import type { RequestMeta } from "../deps.ts";
import type { AppEnv } from "../types.ts";

/** Who is asking, and from where: what services need to authorise, act and audit. */
export interface Caller {
  user: SessionUser;
  actor: Actor;
  meta: RequestMeta;
}

/** The signed-in caller of a route behind requireUser. */
export function callerOf(c: Context<AppEnv>): Caller {
  const user = c.get("user");
  if (!user) {
    throw new AppError("unauthenticated", "Please sign in.");
  }
  return {
    user,
    actor: { userId: user.id },
    meta: { ip: c.get("clientIp"), userAgent: c.req.header("user-agent") ?? null },
  };
}
