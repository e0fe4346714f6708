import { isIPv6 } from "node:net";
import { AppError } from "@ensemble/contracts/errors";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { TokenBucket } from "./token-bucket.ts";

export interface RateLimitOptions {
  /** Requests per minute and IP on all auth routes: a token bucket of this size, refilled at this rate. */
  authPerMinute: number;
  /** Mails (sign-up, verification, reset) per hour and IP. */
  mailPerHourPerIp: number;
  /** Mails per hour and account (or address). */
  mailPerHourPerAccount: number;
  /** Invitations per hour that one person may send. */
  invitationsPerHour: number;
  /** Invitation mails per day to one address (or organisation), whoever sends them. */
  invitationsPerDayPerAddress: number;
  /** Mention mails one person's comments may cause per hour (beyond it comments are saved unmailed). */
  mentionMailsPerHour: number;
}

export const defaultRateLimits: RateLimitOptions = {
  authPerMinute: 60,
  mailPerHourPerIp: 20,
  mailPerHourPerAccount: 5,
  invitationsPerHour: 100,
  invitationsPerDayPerAddress: 10,
  mentionMailsPerHour: 30,
};

type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * The abuse limits, backed by Redis when given (shared by every API process), else in memory: a
 * token bucket per IP on the auth routes, and hourly mail budgets per IP and per account
 * (rate-limiter-flexible; with Redis, an in-memory limiter stands in while Redis is unreachable).
 */
export class RateLimits {
  private readonly auth: TokenBucket;
  private readonly mailIp: Limiter;
  private readonly mailAccount: Limiter;
  private readonly invitations: Limiter;
  private readonly invitationsDaily: Limiter;
  private readonly mentionMails: Limiter;

  constructor(options: RateLimitOptions, redis?: Redis, prefix = "ensemble", now: () => number = Date.now) {
    const make = (keyPrefix: string, points: number, duration: number): Limiter =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${prefix}:rl:${keyPrefix}`,
            points,
            duration,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.auth = new TokenBucket(
      { capacity: options.authPerMinute, refillPerSecond: options.authPerMinute / 60 },
      now,
      redis,
      `${prefix}:tb:auth`,
    );
    this.mailIp = make("mail-ip", options.mailPerHourPerIp, 3600);
    this.mailAccount = make("mail-acct", options.mailPerHourPerAccount, 3600);
    this.invitations = make("invite", options.invitationsPerHour, 3600);
    this.invitationsDaily = make("invite-day", options.invitationsPerDayPerAddress, 86_400);
    this.mentionMails = make("mention-mail", options.mentionMailsPerHour, 3600);
  }

  /** One request on an auth route from this IP. */
  async authRequest(ip: string): Promise<void> {
    const result = await this.auth.take(ipKey(ip));
    if (!result.ok) {
      throw tooMany(result.retryAfterMs);
    }
  }

  /** One mail caused by this IP to this account or address. */
  async mail(ip: string, account: string): Promise<void> {
    await take(this.mailIp, ipKey(ip));
    await take(this.mailAccount, account);
  }

  /** One invitation mail from this person to this address (the address's mail budget counts too). */
  async invitation(senderId: string, address: string): Promise<void> {
    await take(this.invitations, senderId);
    await take(this.mailAccount, `invite:${address}`);
    await take(this.invitationsDaily, address);
  }

  /**
   * One mention mail caused by this author's comments; false when the hour's budget is spent.
   * Never refuses the request itself: a spent budget only silences the mails.
   */
  async mentionMail(authorId: string): Promise<boolean> {
    try {
      await take(this.mentionMails, authorId);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === "rate_limited") {
        return false;
      }
      throw err;
    }
  }
}

/**
 * The key an address is limited under: IPv4 as is, IPv6 by its /64 (one subscriber usually has a
 * whole /64, so per-address buckets would be unlimited).
 */
export function ipKey(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4mapped?.[1]) {
    return v4mapped[1];
  }
  if (!isIPv6(ip)) {
    return ip;
  }
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = ip.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const groups = ip.includes("::") ? [...headParts, ...Array(missing).fill("0"), ...tailParts] : headParts;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function tooMany(waitMs: number): AppError {
  return new AppError("rate_limited", "Too many attempts. Please wait a moment and try again.", {
    retryAfter: Math.ceil(waitMs / 1000),
  });
}

async function take(limiter: Limiter, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      throw tooMany(err.msBeforeNext);
    }
    throw err;
  }
}
