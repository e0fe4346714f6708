import { type Browser, expect, type Page, test } from "@playwright/test";
import { signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
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

/** A signed-in person in their own browser context. */
async function person(browser: Browser, base: string, tag: string, name: string) {
  const context = await browser.newContext({ locale: "de-DE", baseURL: base });
  const page = await context.newPage();
  const email = uniqueEmail(tag);
  await signUpViaApi(page.request, base, { email, displayName: name });
  return { context, page, email };
}

test("a joint project in a network: an editor from a third organisation and a guest viewer, each with the right powers", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  // the network: a Kulturamt coordinates, a venue is partner (set up through the API)
  const amt = await person(browser, base, "amt", "Petra Amt");
  const amtOrg = await api(amt.page, base, "POST", "/api/organisations", {
    name: "Kulturamt",
    kind: "municipality",
  });
  const net = await api(amt.page, base, "POST", "/api/networks", {
    organisationId: amtOrg.organisation.id,
    name: "Kulturnetz Mitte",
  });
  const venue = await person(browser, base, "venue", "Tariq Bühne");
  const venueOrg = await api(venue.page, base, "POST", "/api/organisations", {
    name: "Theater am Fluss",
    kind: "venue",
  });
  const inv = await api(amt.page, base, "POST", `/api/networks/${net.network.id}/invitations`, {
    organisationId: venueOrg.organisation.id,
  });
  await api(venue.page, base, "POST", `/api/invitations/${inv.invitation.id}/accept`, {
    organisationId: venueOrg.organisation.id,
  });

  // the venue's admin creates the joint project in the browser
  const page = venue.page;
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Sommerfestival 2027");
  await page.getByLabel("Gehört zu").selectOption({ label: "Kulturnetz Mitte" });
  await page.getByRole("button", { name: "Projekt anlegen" }).click();
  await expect(page.getByRole("heading", { name: "Sommerfestival 2027", level: 1 })).toBeVisible();
  const projectPath = new URL(page.url()).pathname;

  // invites a member of a third organisation as editor and an external guest as viewer
  const third = await person(browser, base, "kollektiv", "Mira Kollektiv");
  await api(third.page, base, "POST", "/api/organisations", { name: "Kollektiv Klang", kind: "collective" });
  const guest = await person(browser, base, "gast", "Gustav Gast");
  await page.getByRole("link", { name: "Mitglieder" }).click();
  for (const [email, role] of [
    [third.email, "Bearbeitung"],
    [guest.email, "Lesezugriff"],
  ] as const) {
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Rolle", { exact: true }).selectOption({ label: role });
    await page.getByRole("button", { name: "Einladung senden" }).click();
    await expect(page.getByText(`Wir haben eine Einladung an ${email} geschickt.`)).toBeVisible();
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

  for (const p of [amt, venue, third, guest, outsider]) {
    await p.context.close();
  }
});
