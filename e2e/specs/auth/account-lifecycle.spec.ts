import { expect, test } from "@playwright/test";
import { signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { linkFromMail } from "../../support/outbox.ts";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("sign up → verify from the outbox → sign out → sign in → forgot → reset → sign in; switch language", async ({
  page,
}) => {
  const email = `erika-${unique()}@example.org`;
  const password = "Kulturnetz Bochum 2026!";
  const newPassword = "Festivalsommer an der Ruhr 27";

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Registrieren" })).toBeVisible();
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Anzeigename").fill("Erika Musterfrau");
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByRole("heading", { name: "Willkommen, Erika Musterfrau" })).toBeVisible();
  await expect(page.getByText("Bitte bestätige deine E-Mail-Adresse")).toBeVisible();

  // the verification link from the dev outbox
  await page.goto(await linkFromMail(email, "/verify-email"));
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  expect(page.url()).not.toContain("token="); // the token leaves the address bar
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Willkommen, Erika Musterfrau" })).toBeVisible();
  await expect(page.getByText("Bitte bestätige deine E-Mail-Adresse")).toHaveCount(0);

  // sign out through the account menu
  await page.getByRole("button", { name: "Konto: Erika Musterfrau" }).click();
  await page.getByRole("menuitem", { name: "Abmelden" }).click();
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();

  // sign in
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("heading", { name: "Willkommen, Erika Musterfrau" })).toBeVisible();

  // forgot password (signed out)
  await page.getByRole("button", { name: "Konto: Erika Musterfrau" }).click();
  await page.getByRole("menuitem", { name: "Abmelden" }).click();
  await page.getByRole("link", { name: "Passwort vergessen?" }).click();
  await expect(page.getByRole("heading", { name: "Passwort vergessen" })).toBeVisible();
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Link senden" }).click();
  await expect(page.getByText(/Wenn ein Konto/)).toBeVisible();

  // reset with the mailed link
  await page.goto(await linkFromMail(email, "/reset-password"));
  await expect(page.getByRole("heading", { name: "Neues Passwort festlegen" })).toBeVisible();
  expect(page.url()).not.toContain("token=");
  await page.getByLabel("Neues Passwort", { exact: true }).fill(newPassword);
  await page.getByLabel("Neues Passwort wiederholen").fill(newPassword);
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await expect(page.getByText("Dein Passwort wurde geändert.")).toBeVisible();

  // the old password no longer works, the new one does
  await page.goto("/sign-in");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByLabel("Passwort", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("heading", { name: "Willkommen, Erika Musterfrau" })).toBeVisible();

  // switch language; it is remembered across a reload
  await page.getByLabel("Sprache").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { name: "Welcome, Erika Musterfrau" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome, Erika Musterfrau" })).toBeVisible();
  await page.getByLabel("Language").selectOption({ label: "Deutsch" });
  await expect(page.getByRole("heading", { name: "Willkommen, Erika Musterfrau" })).toBeVisible();
});

test("keyboard only: sign up, errors are announced and tied to their fields", async ({ page }) => {
  await page.goto("/sign-up");
  const outline = (el: Element) => getComputedStyle(el).outlineStyle;

  // from the top of the page: the skip link comes first and jumps to the content
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
  await expect(skip).toBeFocused();
  expect(await skip.evaluate(outline)).not.toBe("none");
  await page.keyboard.press("Enter");

  // then Tab alone reaches the first field, with a visible focus ring
  const email = page.getByLabel("E-Mail-Adresse");
  for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(email).toBeFocused();
  expect(await email.evaluate(outline)).not.toBe("none");
  await page.keyboard.type("not-an-address");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Kim");
  await page.keyboard.press("Tab");
  await page.keyboard.type("short");
  await page.keyboard.press("Enter");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  const describedBy = await email.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy?.split(" ")[0]}"]`)).not.toBeEmpty();
  const password = page.getByLabel("Passwort", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");

  // fix both with the keyboard and submit with Enter
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(`kim-${unique()}@example.org`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(password).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("password1234"); // valid length, but far too common: the server says so
  await page.keyboard.press("Enter");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(password).toBeFocused(); // focus went to the field the server refused
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Ein sicheres Passwort 4U");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Willkommen, Kim" })).toBeVisible();
});

test.describe("language follows the browser, German otherwise", () => {
  for (const [locale, heading, button] of [
    ["en-US", "Sign in", "Sign in"],
    ["de-AT", "Anmelden", "Anmelden"],
    ["fr-FR", "Anmelden", "Anmelden"],
  ] as const) {
    test(`${locale} → ${heading}`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ locale, baseURL: baseURL ?? "" });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await expect(page.getByRole("button", { name: button })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale.startsWith("en") ? "en" : "de");
      await context.close();
    });
  }
});

test("the account's saved language wins over the browser's, for the whole page at once", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const context = await browser.newContext({ locale: "en-US", baseURL: base });
  const page = await context.newPage();
  await signUpViaApi(page.request, base, { email: uniqueEmail("lena"), displayName: "Lena" });
  const saved = await page.request.patch("/api/account/profile", {
    headers: { origin: base },
    data: { locale: "de" },
  });
  expect(saved.status()).toBe(200);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Start" }),
  ).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await context.close();
});
