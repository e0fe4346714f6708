import { type Browser, expect, test } from "@playwright/test";
import { confirmEmailViaOutbox, PASSWORD, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";
import { linkFromMail } from "../../support/outbox.ts";

/** A signed-in person in their own browser context. */
async function person(browser: Browser, base: string, tag: string, name: string) {
  const context = await browser.newContext({ locale: "de-DE", baseURL: base });
  const page = await context.newPage();
  const email = uniqueEmail(tag);
  await signUpViaApi(page.request, base, { email, displayName: name });
  return { context, page, email };
}

test("a municipality founds a network, a new partner joins from the mail and runs a joint project with an editor from a third organisation and a guest viewer", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";

  // the culture office's admin, with their organisation
  const adminEmail = uniqueEmail("kulturamt");
  await signUpViaApi(page.request, base, { email: adminEmail, displayName: "Petra Amt" });
  await confirmEmailViaOutbox(page.request, base, adminEmail);
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

  // the venue's admin creates the joint project in the browser
  await partnerPage.goto("/projects/new");
  await partnerPage.getByLabel("Name", { exact: true }).fill("Sommerfestival 2027");
  await partnerPage.getByLabel("Gehört zu").selectOption({ label: "Kulturnetz Bochum-Mitte" });
  await partnerPage.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(partnerPage.getByRole("heading", { name: "Sommerfestival 2027", level: 1 })).toBeVisible();
  const projectPath = new URL(partnerPage.url()).pathname;

  // invites a member of a third organisation as editor and an external guest as viewer
  const third = await person(browser, base, "kollektiv", "Mira Kollektiv");
  await api(third.page, base, "POST", "/api/organisations", { name: "Kollektiv Klang", kind: "collective" });
  const guest = await person(browser, base, "gast", "Gustav Gast");
  await partnerPage.getByRole("link", { name: "Mitglieder" }).click();
  for (const [email, role] of [
    [third.email, "Bearbeitung"],
    [guest.email, "Lesezugriff"],
  ] as const) {
    await partnerPage.getByLabel("E-Mail-Adresse").fill(email);
    await partnerPage.getByLabel("Rolle", { exact: true }).selectOption({ label: role });
    await partnerPage.getByRole("button", { name: "Einladung senden" }).click();
    await expect(partnerPage.getByText(`Wir haben eine Einladung an ${email} geschickt.`)).toBeVisible();
  }

  // each accepts from their mail and lands in the project
  for (const p of [third, guest]) {
    await p.page.goto(await linkFromMail(p.email, "/invite/"));
    await p.page.getByRole("button", { name: "Annehmen" }).click();
    await expect(p.page.getByRole("heading", { name: "Sommerfestival 2027", level: 1 })).toBeVisible();
  }

  // the editor works on content but does not manage the project; the guest viewer only reads
  await expect(guest.page.getByText("Gast").first()).toBeVisible();
  for (const p of [third, guest]) {
    await p.page.goto(`${projectPath}/members`);
    await expect(p.page.getByRole("heading", { name: "Mitglieder" }).first()).toBeVisible();
    await expect(p.page.getByRole("button", { name: "Einladung senden" })).toHaveCount(0);
    await expect(p.page.getByRole("link", { name: "Einstellungen" })).toHaveCount(0);
  }
  const asGuest = await api(guest.page, base, "GET", `/api/projects${projectPath.slice("/projects".length)}`);
  expect(asGuest.project.abilities).toMatchObject({
    editContent: false,
    update: false,
    manageMembers: false,
  });
  expect(asGuest.project.myRole).toBe("viewer");
  const asEditor = await api(
    third.page,
    base,
    "GET",
    `/api/projects${projectPath.slice("/projects".length)}`,
  );
  expect(asEditor.project.abilities).toMatchObject({
    editContent: true,
    update: false,
    manageMembers: false,
  });
  const refused = await guest.page.request.fetch(`/api${projectPath}`, {
    method: "PATCH",
    headers: { origin: base },
    data: { name: "Gekapert" },
  });
  expect(refused.status()).toBe(403);

  // someone from an organisation outside the network gets "not found"
  const outsider = await person(browser, base, "fremd", "Olga Außen");
  await api(outsider.page, base, "POST", "/api/organisations", {
    name: "Anderswo e.V.",
    kind: "association",
  });
  await outsider.page.goto(projectPath);
  await expect(outsider.page.getByRole("heading", { name: "Projekt nicht gefunden" })).toBeVisible();

  // the coordinator sees the partner joined and in a project; a stranger gets "not found" for the network
  const partners = await api(page, base, "GET", `/api/networks/${networkId}/onboarding`);
  expect(partners.partners.map((p: { organisation: { name: string } }) => p.organisation.name)).toContain(
    "Theater am Fluss",
  );
  const venueRow = partners.partners.find(
    (p: { organisation: { name: string } }) => p.organisation.name === "Theater am Fluss",
  );
  expect(venueRow.firstProjectJoined).toBe(true);
  const strangerContext = await browser.newContext({ locale: "de-DE", baseURL: base });
  const strangerPage = await strangerContext.newPage();
  await signUpViaApi(strangerPage.request, base, { email: uniqueEmail("fremd"), displayName: "Fremd" });
  await strangerPage.goto(`/networks/${networkId}`);
  await expect(strangerPage.getByRole("heading", { name: "Netzwerk nicht gefunden" })).toBeVisible();
  for (const p of [third, guest, outsider]) {
    await p.context.close();
  }
  await partner.close();
  await strangerContext.close();
});
