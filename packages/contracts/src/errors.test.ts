import { describe, expect, it } from "vitest";
import { SignUpInput } from "./auth.ts";
import { fieldErrorsFromZod } from "./errors.ts";

const fields = (input: unknown) => {
  const r = SignUpInput.safeParse(input);
  if (r.success) {
    throw new Error("expected a failure");
  }
  return fieldErrorsFromZod(r.error);
};

describe("fieldErrorsFromZod", () => {
  it("names each field with one short code", () => {
    expect(fields({})).toEqual({ email: "required", displayName: "required", password: "required" });
    expect(fields({ email: "nope", displayName: 3, password: "short" })).toEqual({
      email: "invalid_email",
      displayName: "invalid_type",
      password: "too_short",
    });
  });

  it("reports unknown keys, including __proto__, as keys of their own", () => {
    const input = JSON.parse(
      '{"email":"a@b.de","displayName":"A","password":"Kulturnetz 2026!","role":"admin","__proto__":{"x":1}}',
    );
    const result = fields(input);
    expect(Object.getPrototypeOf(result)).toBeNull();
    expect(Object.keys(result).sort()).toEqual(["__proto__", "role"]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(
      JSON.parse('{"role":"unknown_field","__proto__":"unknown_field"}'),
    );
  });

  it("counts password length in characters as typed", () => {
    expect(
      SignUpInput.safeParse({ email: "a@b.de", displayName: "A", password: "🎭".repeat(10) }).success,
    ).toBe(true);
    expect(fields({ email: "a@b.de", displayName: "A", password: "🎭".repeat(257) })).toEqual({
      password: "too_long",
    });
    expect(SignUpInput.parse({ email: " A@B.de ", displayName: " A ", password: "  spaces kept  " })).toEqual(
      {
        email: "a@b.de",
        displayName: "A",
        password: "  spaces kept  ",
      },
    );
  });
});
