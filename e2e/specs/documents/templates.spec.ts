import { expect, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";

const TEMPLATE = "Antrag mit Zeitplan";

test("a document saved as the organisation's template starts a new document in another of its projects, and the template is deleted again", async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("leitung");
  await signUpViaApi(page.request, base, { email, displayName: "Lena Leitung" });
  await confirmEmailViaOutbox(page.request, base, email);
  const { organisation } = await api(page, base, "POST", "/api/organisations", {
    name: "Theater am Fluss",
    kind: "venue",
  });
  const summer = (
    await api(page, base, "POST", "/api/projects", { organisationId: organisation.id, name: "Sommerfest" })
  ).project;
  const autumn = (
    await api(page, base, "POST", "/api/projects", { organisationId: organisation.id, name: "Herbstfest" })
  ).project;
  const { document } = await api(page, base, "POST", `/api/projects/${summer.id}/documents`, {
    title: "Förderantrag Sommerfest",
  });

  // the application gets its text in the editor
  await page.goto(`/projects/${summer.id}/documents/${document.id}`);
  const editor = page.getByRole("textbox", { name: "Text von „Förderantrag Sommerfest“" });
  await expect(page.getByText("Verbunden", { exact: true })).toBeVisible();
  await editor.click();
  await page.keyboard.type("Zeitplan: Proben ab Mai, Premiere im Juli.");
  await expect(page.locator(".document-status__save")).toHaveText("Gespeichert");

  // … and is saved as a template of the organisation (the only place it can go: no choice to make)
  const open = page.getByRole("button", { name: "Als Vorlage speichern" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: "„Förderantrag Sommerfest“ als Vorlage speichern" });
  const name = dialog.getByRole("textbox", { name: "Name der Vorlage" });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue("Förderantrag Sommerfest");
  await expect(dialog.getByRole("combobox")).toHaveCount(0);
  await expect(dialog).toContainText("Die Vorlage gehört dann Theater am Fluss");
  // an empty name is refused before anything is sent, and said
  await name.fill("");
  await dialog.getByRole("button", { name: "Vorlage speichern" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Name der Vorlage");
  await expect(name).toBeFocused();
  await name.fill(TEMPLATE);
  await dialog.getByRole("textbox", { name: "Beschreibung (freiwillig)" }).fill("Mit Proben und Premiere");
  await dialog.getByRole("button", { name: "Vorlage speichern" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Vorlage „${TEMPLATE}“ für Theater am Fluss gespeichert.`)).toBeVisible();
  await expect(open).toBeFocused();

  // another project of the organisation offers it, under the organisation's name
  await page.goto(`/projects/${autumn.id}/documents`);
  await page.getByRole("button", { name: "Neues Dokument" }).click();
  const create = page.getByRole("dialog", { name: "Neues Dokument" });
  await create.getByRole("textbox", { name: "Titel" }).fill("Förderantrag Herbstfest");
  const template = create.getByRole("combobox", { name: "Vorlage" });
  await expect(template.locator("optgroup[label='Vorlagen von Theater am Fluss'] option")).toHaveText([
    TEMPLATE,
  ]);
  await template.selectOption({ label: TEMPLATE });
  await expect(create).toContainText("Mit Proben und Premiere");
  await create.getByRole("button", { name: "Dokument anlegen" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${autumn.id}/documents/[0-9a-f-]{36}$`));
  await expect(page.getByRole("textbox", { name: "Text von „Förderantrag Herbstfest“" })).toHaveText(
    "Zeitplan: Proben ab Mai, Premiere im Juli.",
  );

  // deleting it asks first; cancelling keeps both the template and the new-document dialog
  await page.goto(`/projects/${autumn.id}/documents`);
  await page.getByRole("button", { name: "Neues Dokument" }).click();
  await template.selectOption({ label: TEMPLATE });
  const remove = create.getByRole("button", { name: `Vorlage „${TEMPLATE}“ löschen` });
  await remove.click();
  const confirm = page.getByRole("dialog", { name: `Vorlage „${TEMPLATE}“ löschen?` });
  await expect(confirm).toContainText("Theater am Fluss");
  await expect(confirm.getByRole("button", { name: "Abbrechen" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(create).toBeVisible();
  await expect(remove).toBeFocused();

  await remove.click();
  await confirm.getByRole("button", { name: "Vorlage löschen" }).click();
  await expect(confirm).toBeHidden();
  await expect(create).toBeVisible();
  await expect(create.getByText(`Vorlage „${TEMPLATE}“ gelöscht.`)).toBeVisible();
  await expect(template).toBeFocused();
  await expect(template).toHaveValue("");
  await expect(template.locator("option", { hasText: TEMPLATE })).toHaveCount(0);
  await expect(remove).toHaveCount(0);
  const { templates } = await api(page, base, "GET", `/api/projects/${summer.id}/document-templates`);
  expect(templates.filter((t: { source: string }) => t.source !== "builtin")).toEqual([]);
});

test("in a network's project the coordinator chooses whether the template is the network's or the own organisation's", async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("koordination");
  await signUpViaApi(page.request, base, { email, displayName: "Kora Koordination" });
  await confirmEmailViaOutbox(page.request, base, email);
  const { organisation } = await api(page, base, "POST", "/api/organisations", {
    name: "Kulturbüro",
    kind: "municipality",
  });
  const { network } = await api(page, base, "POST", "/api/networks", {
    organisationId: organisation.id,
    name: "Kulturnetz",
  });
  const { project } = await api(page, base, "POST", "/api/projects", {
    networkId: network.id,
    name: "Festival",
  });
  const { document } = await api(page, base, "POST", `/api/projects/${project.id}/documents`, {
    title: "Sicherheitskonzept",
  });

  await page.goto(`/projects/${project.id}/documents/${document.id}`);
  await page.getByRole("button", { name: "Als Vorlage speichern" }).click();
  const dialog = page.getByRole("dialog", { name: "„Sicherheitskonzept“ als Vorlage speichern" });
  const owner = dialog.getByRole("combobox", { name: "Speichern für" });
  await expect(owner.locator("option")).toHaveText(["Kulturnetz (Netzwerk)", "Kulturbüro (Organisation)"]);
  await owner.selectOption({ label: "Kulturbüro (Organisation)" });
  await dialog.getByRole("button", { name: "Vorlage speichern" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Vorlage „Sicherheitskonzept“ für Kulturbüro gespeichert.")).toBeVisible();
  const { templates } = await api(page, base, "GET", `/api/projects/${project.id}/document-templates`);
  expect(
    templates
      .filter((t: { source: string }) => t.source !== "builtin")
      .map((t: { name: string; owner: { name: string } }) => [t.name, t.owner.name]),
  ).toEqual([["Sicherheitskonzept", "Kulturbüro"]]);
});
