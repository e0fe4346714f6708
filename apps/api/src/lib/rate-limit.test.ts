import { describe, expect, it } from "vitest";
import { ipKey } from "./rate-limit.ts";

describe("ipKey", () => {
  it("keeps IPv4 addresses and unwraps IPv4-mapped IPv6", () => {
    expect(ipKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("unknown")).toBe("unknown");
  });

  it("puts every address of one IPv6 /64 under one key", () => {
    const key = ipKey("2001:db8:1234:5678:aaaa:bbbb:cccc:dddd");
    expect(key).toBe("2001:db8:1234:5678::/64");
    expect(ipKey("2001:0db8:1234:5678::1")).toBe(key);
    expect(ipKey("2001:db8:1234:5678:ffff::")).toBe(key);
    expect(ipKey("2001:db8:1234:5679::1")).not.toBe(key);
    expect(ipKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipKey("::1")).toBe("0:0:0:0::/64");
  });
});
