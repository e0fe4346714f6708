import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

/** argon2id with OWASP's minimum: 19 MiB, 2 iterations, parallelism 1. */
// 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;

/** True when the password (compared lower-cased) is among the most common passwords. */
export function isCommonPassword(password: string): boolean {
  if (!common) {
    const text = readFileSync(new URL("../data/common-passwords.txt", import.meta.url), "utf8");
    common = new Set(text.split("\n").filter(Boolean));
  }
  return common.has(password.toLowerCase());
}

/** Raised when too many hashes are queued: the caller answers "busy" instead of piling up. */
export class HasherBusyError extends Error {
  constructor() {
    super("password hashing queue is full");
    this.name = "HasherBusyError";
  }
}

/**
 * Default concurrency: argon2 runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE
 * says otherwise), which file and DNS work share, so leave at least one thread free — and use no
 * more threads than there are cores.
 */
function defaultConcurrency(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism(), pool - 1));
}

/**
 * Runs argon2 with bounded concurrency: at most `concurrency` hashes at once, so a burst of
 * sign-ins cannot starve the server, and at most `maxQueue` waiting (then HasherBusyError).
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = defaultConcurrency(),
    private readonly maxQueue = 200,
  ) {}

  /** Hashes a password as typed (no trimming or truncation). */
  hash(password: string): Promise<string> {
    return this.run(() => hash(password, ARGON2));
  }

  /** Checks a password against a stored hash; a malformed hash counts as a mismatch. */
  verify(storedHash: string, password: string): Promise<boolean> {
    return this.run(() => verify(storedHash, password).catch(() => false));
  }

  /** Number of hashes running and waiting, for tests and metrics. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) {
        throw new HasherBusyError();
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next(); // hand our slot straight to the next waiter
      } else {
        this.running--;
      }
    }
  }
}
