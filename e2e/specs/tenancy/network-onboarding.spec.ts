import { expect, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";

test("onboarding by keyboard: find an organisation, invite it, and tick its checklist once it joined", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("koordination");
  await signUpViaApi(page.request, base, { email, displayName: "Kim Koordination" });
  await confirmEmailViaOutbox(page.request, base, email);
  const org = (
    await api(page, base, "POST", "/api/organisations", { name: "Kulturbüro Süd", kind: "municipality" })
  ).organisation;
  const net = (await api(page, base, "POST", "/api/networks", { organisationId: org.id, name: "Netz Süd" }))
    .network;

  // another organisation exists on the instance
  const other = await browser.newContext({ locale: "de-DE", baseURL: base });
  const otherPage = await other.newPage();
  await signUpViaApi(otherPage.request, base, { email: uniqueEmail("galerie"), displayName: "Gil Galerie" });
  const gallery = (
    await api(otherPage, base, "POST", "/api/organisations", { name: "Galerie Zeitraum", kind: "venue" })
  ).organisation;

  await page.goto(`/networks/${net.id}/onboarding`);
  const search = page.getByLabel("Name der Organisation");
  await search.focus();
  await page.keyboard.type("Zeitraum");
  await page.keyboard.press("Enter");
  const invite = page.getByRole("button", { name: "Einladen Galerie Zeitraum" });
  await invite.focus();
  await page.keyboard.press("Enter");
  // focus stays in the row, on the note that replaced the button
  await expect(page.getByText("Schon eingeladen")).toBeFocused();

  // the gallery's admin accepts; the coordination ticks a checklist item with the keyboard
  const pending = await api(otherPage, base, "GET", `/api/organisations/${gallery.id}/network-invitations`);
  await api(otherPage, base, "POST", `/api/invitations/${pending.invitations[0].id}/accept`, {
    organisationId: gallery.id,
  });
  await page.reload();
  const tick = page.getByRole("checkbox", { name: /Ansprechperson benannt.*Galerie Zeitraum/ });
  await tick.focus();
  await page.keyboard.press("Space");
  await expect(tick).toBeChecked();
  await expect
    .poll(async () => {
      const onboarding = await api(page, base, "GET", `/api/networks/${net.id}/onboarding`);
      const row = onboarding.partners.find(
        (p: { organisation: { id: string } }) => p.organisation.id === gallery.id,
      );
      return row.checks.filter((c: { done: boolean }) => c.done).length;
    })
    .toBe(1);
  await other.close();
});
