import { expect, test } from "@playwright/test";
import { PASSWORD, signInViaApi, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { linkFromMail } from "../../support/outbox.ts";

test("account settings: name, password, devices, email change and deletion", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("jonas");
  await signUpViaApi(page.request, base, { email, displayName: "Jonas Weber" });

  // a second device, signed in elsewhere
  const laptop = await browser.newContext({ locale: "de-DE", baseURL: base });
  const laptopPage = await laptop.newPage();
  await signInViaApi(laptopPage.request, base, email);

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Einstellungen", level: 1 })).toBeVisible();

  // display name
  const profile = page.getByRole("region", { name: "Profil" });
  await profile.getByLabel("Anzeigename").fill("Jonas W.");
  await profile.getByRole("button", { name: "Profil speichern" }).click();
  await expect(page.getByRole("button", { name: "Konto: Jonas W." })).toBeVisible();

  // devices: both listed, this one marked; end the other one
  const devices = page.getByRole("region", { name: "Angemeldete Geräte" });
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await expect(devices.getByText("Dieses Gerät")).toHaveCount(1);
  await devices.getByRole("button", { name: "Sitzung beenden" }).click();
  await expect(devices.getByText("Die Sitzung wurde beendet.")).toBeVisible();
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  await laptopPage.goto("/");
  await expect(laptopPage.getByRole("heading", { name: "Anmelden" })).toBeVisible();

  // password: the wrong current one is refused at its field, the right one works
  const password = page.getByRole("region", { name: "Passwort ändern" });
  const newPassword = "Probebühne im Herbst 2026";
  await password.getByLabel("Aktuelles Passwort").fill("das ist es nicht");
  await password.getByLabel("Neues Passwort", { exact: true }).fill(newPassword);
  await password.getByLabel("Neues Passwort wiederholen").fill(newPassword);
  await password.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(password.getByLabel("Aktuelles Passwort")).toHaveAttribute("aria-invalid", "true");
  await password.getByLabel("Aktuelles Passwort").fill(PASSWORD);
  await password.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(password.getByText(/Dein Passwort wurde geändert/)).toBeVisible();

  // email: counts once the link in the mail to the new address is opened
  const newEmail = uniqueEmail("jonas-neu");
  const emailSection = page.getByRole("region", { name: "E-Mail-Adresse ändern" });
  await emailSection.getByLabel("Neue E-Mail-Adresse").fill(newEmail);
  await emailSection.getByLabel("Passwort", { exact: true }).fill(newPassword);
  await emailSection.getByRole("button", { name: "Bestätigungslink senden" }).click();
  await expect(
    emailSection.getByText(`Wir haben einen Bestätigungslink an ${newEmail} geschickt.`, { exact: false }),
  ).toBeVisible();
  await expect(emailSection.getByText(`Deine E-Mail-Adresse ist ${email}.`)).toBeVisible();
  await page.goto(await linkFromMail(newEmail, "/verify-email"));
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByText(`Deine E-Mail-Adresse ist ${newEmail}.`)).toBeVisible();

  // delete the account: asks again, with the password
  const danger = page.getByRole("region", { name: "Konto löschen" });
  await danger.getByRole("button", { name: "Konto löschen" }).click();
  await danger.getByLabel("Passwort", { exact: true }).fill(newPassword);
  await danger.getByRole("button", { name: "Konto endgültig löschen" }).click();
  await expect(page.getByText("Dein Konto wurde gelöscht.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  const gone = await page.request.post("/api/auth/sign-in", {
    headers: { origin: base },
    data: { email: newEmail, password: newPassword },
  });
  expect(gone.status()).toBe(401);
  await laptop.close();
});
