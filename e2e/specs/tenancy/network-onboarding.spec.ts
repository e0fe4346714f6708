import { expect, type Page, test } from "@playwright/test";
import { PASSWORD, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { linkFromMail } from "../../support/outbox.ts";

async function api(page: Page, base: string, method: "POST" | "GET", path: string, data?: unknown) {
  const res = await page.request.fetch(path, {
    method,
    headers: { origin: base },
    ...(data ? { data } : {}),
  });
  expect(res.ok(), `${method} ${path}: ${res.status()}`).toBe(true);
  return res.json();
}

test("a municipality founds a network and a new partner joins from the invitation mail", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";

  // the culture office's admin, with their organisation
  const adminEmail = uniqueEmail("kulturamt");
  await signUpViaApi(page.request, base, { email: adminEmail, displayName: "Petra Amt" });
  await api(page, base, "POST", "/api/organisations", { name: "Kulturamt Bochum", kind: "municipality" });

  // founds the network in the browser
  await page.goto("/networks/new");
  await page.getByLabel("Koordinierende Organisation").selectOption({ label: "Kulturamt Bochum" });
  await page.getByLabel("Name des Netzwerks").fill("Kulturnetz Bochum-Mitte");
  await page.getByRole("button", { name: "Netzwerk gründen" }).click();
  await expect(page.getByRole("heading", { name: "Kulturnetz Bochum-Mitte", level: 1 })).toBeVisible();
  const networkId = new URL(page.url()).pathname.split("/")[2] ?? "";

  // invites the future admin of a partner organisation by email
  const partnerEmail = uniqueEmail("theater");
  await api(page, base, "POST", `/api/networks/${networkId}/invitations`, { email: partnerEmail });

  // the partner has no account yet: the mail's link leads through sign-up back to the invitation
  const partner = await browser.newContext({ locale: "de-DE", baseURL: base });
  const partnerPage = await partner.newPage();
  await partnerPage.goto(await linkFromMail(partnerEmail, "/invite/"));
  await expect(partnerPage.getByText("Kulturnetz Bochum-Mitte").first()).toBeVisible();
  await partnerPage.getByRole("link", { name: "Konto erstellen" }).click();
  await expect(partnerPage.getByLabel("E-Mail-Adresse")).toHaveValue(partnerEmail);
  await partnerPage.getByLabel("Anzeigename").fill("Tariq Bühne");
  await partnerPage.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await partnerPage.getByRole("button", { name: "Konto anlegen" }).click();

  // back at the invitation: no organisation yet, so create one and come back
  await expect(partnerPage.getByText("Du verwaltest noch keine Organisation.")).toBeVisible();
  await partnerPage.getByRole("link", { name: "Neue Organisation anlegen" }).click();
  await partnerPage.getByLabel("Name", { exact: true }).fill("Theater am Fluss");
  await partnerPage.getByLabel("Art der Organisation").selectOption({ label: "Spielstätte" });
  await partnerPage.getByRole("button", { name: "Organisation anlegen" }).click();
  await expect(partnerPage.getByRole("button", { name: "Annehmen" })).toBeVisible();
  await partnerPage.getByLabel("Welche Organisation tritt bei?").selectOption({ label: "Theater am Fluss" });
  await partnerPage.getByRole("button", { name: "Annehmen" }).click();
  await expect(partnerPage.getByRole("heading", { name: "Kulturnetz Bochum-Mitte", level: 1 })).toBeVisible();

  // the coordinator now sees the partner; a stranger's browser gets "not found"
  const partners = await api(page, base, "GET", `/api/networks/${networkId}/onboarding`);
  expect(partners.partners.map((p: { organisation: { name: string } }) => p.organisation.name)).toContain(
    "Theater am Fluss",
  );
  const stranger = await browser.newContext({ locale: "de-DE", baseURL: base });
  const strangerPage = await stranger.newPage();
  await signUpViaApi(strangerPage.request, base, { email: uniqueEmail("fremd"), displayName: "Fremd" });
  await strangerPage.goto(`/networks/${networkId}`);
  await expect(strangerPage.getByRole("heading", { name: "Netzwerk nicht gefunden" })).toBeVisible();
  await partner.close();
  await stranger.close();
});
