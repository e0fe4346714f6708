import type { AppType } from "@ensemble/api/app";
import { hc } from "hono/client";

export const api = hc<AppType>("/");
const x = api.api.account.me.$get;
export type X = typeof x;
