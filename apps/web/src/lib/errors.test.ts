import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de.ts";
import { fieldErrorMessage } from "./errors.ts";

/** Looks a key up in the German texts, as i18next would (dots nest). */
const t = ((key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], de)) as TFunction;

describe("fieldErrorMessage", () => {
  it("asks to choose on a select with nothing (valid) chosen, and to fill in elsewhere", () => {
    expect(fieldErrorMessage(t, "required", "select")).toBe("Bitte wähle etwas aus.");
    expect(fieldErrorMessage(t, "invalid_format", "select")).toBe("Bitte wähle etwas aus.");
    expect(fieldErrorMessage(t, "required")).toBe("Bitte fülle dieses Feld aus.");
  });

  it("keeps what the server says about the chosen option", () => {
    expect(fieldErrorMessage(t, "not_a_member", "select")).toBe(de.errors.field.not_a_member);
  });
});
