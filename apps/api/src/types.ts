import type { SessionUser } from "@ensemble/auth/sessions";
import type { Session } from "@ensemble/db/schema";
import type { Logger } from "pino";

/** Variables set by middleware on every request. */
export interface AppVariables {
  requestId: string;
  log: Logger;
  clientIp: string;
  session: Session | null;
  user: SessionUser | null;
}

export interface AppEnv {
  Variables: AppVariables;
}
