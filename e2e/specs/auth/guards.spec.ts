import { expect, test } from "@playwright/test";
import { PASSWORD, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";

test("signed-out visits go to sign-in and come back; a crafted ?next= stays on the site", async ({
  page,
  baseURL,
}) => {
  const email = uniqueEmail("guard");
  await signUpViaApi(page.request, baseURL ?? "", { email, displayName: "Guard" });
  await page.request.post("/api/auth/sign-out", { headers: { origin: baseURL ?? "" } });

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/Einstellungen/);

  // browsers drop the tab, which would turn this into //evil.example
  await page.goto("/sign-in?next=/%09/evil.example");
  await expect(page.getByRole("heading", { name: "Willkommen, Guard" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(baseURL ?? "").host);

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();
});
