import { expect, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";

test("the tenancy pages fit a 320 px wide screen without sideways scrolling (WCAG 1.4.10)", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const context = await browser.newContext({
    locale: "de-DE",
    baseURL: base,
    viewport: { width: 320, height: 720 },
  });
  const page = await context.newPage();
  const email = uniqueEmail("schmal");
  await signUpViaApi(page.request, base, { email, displayName: "Schmale Ansicht" });
  await confirmEmailViaOutbox(page.request, base, email);
  const org = (
    await api(page, base, "POST", "/api/organisations", {
      name: "Kulturverein Weitblick",
      kind: "association",
    })
  ).organisation;
  await api(page, base, "POST", `/api/organisations/${org.id}/invitations`, {
    email: uniqueEmail("eine-sehr-lange-adresse-fuer-die-tabelle"),
    role: "member",
  });
  const net = (
    await api(page, base, "POST", "/api/networks", { organisationId: org.id, name: "Netz Weitblick" })
  ).network;
  const project = (await api(page, base, "POST", "/api/projects", { organisationId: org.id, name: "Schmal" }))
    .project;
  await api(page, base, "POST", `/api/projects/${project.id}/invitations`, {
    email: uniqueEmail("gast"),
    role: "viewer",
  });

  for (const path of [
    "/",
    `/organisations/${org.id}`,
    `/organisations/${org.id}/members`,
    `/organisations/${org.id}/audit`,
    `/networks/${net.id}`,
    `/networks/${net.id}/onboarding`,
    `/networks/${net.id}/directory`,
    "/projects",
    `/projects/${project.id}`,
    `/projects/${project.id}/members`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(320);
  }
  await context.close();
});
