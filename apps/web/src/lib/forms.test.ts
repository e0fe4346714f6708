import { SignUpInput } from "@ensemble/contracts/auth";
import { describe, expect, it } from "vitest";
import { repeatProblem, validate } from "./forms.ts";

const FIELDS = ["email", "displayName", "password"] as const;

describe("validate", () => {
  it("reports empty (or blank) fields as required and keeps other codes", () => {
    const result = validate(SignUpInput, { email: "nope", displayName: "  ", password: "" }, FIELDS);
    expect(result).toEqual({
      ok: false,
      errors: { email: "invalid_email", displayName: "required", password: "required" },
    });
  });

  it("checks password length as the API does", () => {
    const result = validate(SignUpInput, { email: "a@b.de", displayName: "A", password: "short" }, FIELDS);
    expect(result).toEqual({ ok: false, errors: { password: "too_short" } });
  });

  it("answers the parsed data when valid", () => {
    const result = validate(
      SignUpInput,
      { email: " Ada@Example.org ", displayName: " Ada ", password: "lang genug 123" },
      FIELDS,
    );
    expect(result).toEqual({
      ok: true,
      data: { email: "ada@example.org", displayName: "Ada", password: "lang genug 123" },
    });
  });
});

describe("repeatProblem", () => {
  it("asks for the repetition, then for it to match", () => {
    expect(repeatProblem("Kulturnetz 2026!", "")).toBe("required");
    expect(repeatProblem("Kulturnetz 2026!", "Kulturnetz 2026")).toBe("mismatch");
    expect(repeatProblem("Kulturnetz 2026!", "Kulturnetz 2026!")).toBeUndefined();
  });
});
