import { expect, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { linkFromMail } from "../../support/outbox.ts";

test("an organisation in the browser: found it, invite a member, make them admin, hand over ownership, leave", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const ownerEmail = uniqueEmail("gruenderin");
  await signUpViaApi(page.request, base, { email: ownerEmail, displayName: "Greta Gründerin" });
  await confirmEmailViaOutbox(page.request, base, ownerEmail);

  // founds the organisation
  await page.goto("/organisations/new");
  await page.getByLabel("Name", { exact: true }).fill("Freie Bühne e.V.");
  await page.getByLabel(/^Art der Organisation/).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Organisation anlegen" }).click();
  await expect(page.getByRole("heading", { name: "Freie Bühne e.V.", level: 1 })).toBeVisible();

  // invites a member by email
  await page.getByRole("link", { name: "Mitglieder" }).click();
  const memberEmail = uniqueEmail("mara");
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(memberEmail);
  await page.getByRole("button", { name: /^Einladung senden/ }).click();
  await expect(page.getByText(memberEmail).first()).toBeVisible();

  // the member accepts from the mail
  const member = await browser.newContext({ locale: "de-DE", baseURL: base });
  const memberPage = await member.newPage();
  await signUpViaApi(memberPage.request, base, { email: memberEmail, displayName: "Mara Mitglied" });
  await memberPage.goto(await linkFromMail(memberEmail, "/invite/"));
  await memberPage.getByRole("button", { name: "Annehmen" }).click();
  await expect(memberPage.getByRole("heading", { name: "Freie Bühne e.V.", level: 1 })).toBeVisible();
  const orgPath = new URL(memberPage.url()).pathname.match(/\/organisations\/[^/]+/)?.[0] ?? "";

  // the owner makes her admin
  await page.reload();
  await page.getByLabel("Rolle von Mara Mitglied").selectOption({ label: "Admin" });
  await page
    .getByRole("button", { name: /^Rolle speichern/ })
    .first()
    .click();
  await expect(page.getByText("Mara Mitglied ist jetzt Admin.")).toBeVisible();

  // hands ownership over, then leaves
  const transfer = page.getByRole("region", { name: "Eigentümerschaft übertragen" });
  await transfer.getByRole("combobox").selectOption({ index: 1 });
  await expect(transfer.getByRole("combobox")).toHaveValue(/.+/);
  await transfer.getByRole("button", { name: "Eigentümerschaft übertragen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Ja, übertragen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mara Mitglied" }).first()).toBeVisible();
  const leave = page.getByRole("region", { name: "Organisation verlassen" });
  await leave.getByRole("button", { name: "Organisation verlassen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Ja, verlassen" }).click();
  await expect(page).toHaveURL(/\/organisations$/);

  // the new owner sees the whole story in the audit log; the former owner is out
  await memberPage.goto(`${orgPath}/audit`);
  const log = memberPage.getByRole("table");
  await expect(log).toContainText("Greta Gründerin");
  // header + created, invited, joined, role changed, ownership transferred, left
  await expect(log.getByRole("row")).toHaveCount(7);
  const former = await page.request.get(`/api${orgPath}`);
  expect(former.status()).toBe(404);
  await member.close();
});
