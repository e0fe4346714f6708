import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";
import { linkFromMail } from "../../support/outbox.ts";

/** Selects `text` inside the editor the way a mouse drag does: a DOM selection ProseMirror takes over. */
async function selectText(editor: Locator, text: string) {
  await editor.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = node.textContent ?? "";
      const at = data.indexOf(wanted);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, text);
}

/** Waits until the editor page says that everything typed is stored on the server. */
async function expectSaved(page: Page) {
  await expect(page.locator(".document-status__save")).toHaveText("Gespeichert");
}

test("a document's comments, versions, export and import in the browser: a thread on selected text is created, answered with an @mention and resolved, a named version is restored, a DOCX export downloads, a Markdown file becomes a new document", async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("dramaturgin");
  await signUpViaApi(page.request, base, { email, displayName: "Dora Dramaturgin" });
  await confirmEmailViaOutbox(page.request, base, email);
  const { organisation } = await api(page, base, "POST", "/api/organisations", {
    name: "Theater am Fluss",
    kind: "venue",
  });
  const { project } = await api(page, base, "POST", "/api/projects", {
    organisationId: organisation.id,
    name: "Sommerfest 2026",
  });
  const { document } = await api(page, base, "POST", `/api/projects/${project.id}/documents`, {
    title: "Förderantrag",
  });
  // a second member of the project, to be mentioned
  const maraEmail = uniqueEmail("mara");
  await api(page, base, "POST", `/api/projects/${project.id}/invitations`, {
    email: maraEmail,
    role: "viewer",
  });
  const mara = await browser.newContext({ locale: "de-DE", baseURL: base });
  const maraPage = await mara.newPage();
  await signUpViaApi(maraPage.request, base, { email: maraEmail, displayName: "Mara Mitglied" });
  const token = (await linkFromMail(maraEmail, "/invite/")).split("/invite/")[1];
  await api(maraPage, base, "POST", "/api/invitations/accept", { token });
  await mara.close();

  await page.goto(`/projects/${project.id}/documents/${document.id}`);
  const editor = page.getByRole("textbox", { name: "Text von „Förderantrag“" });
  await expect(page.getByText("Verbunden", { exact: true })).toBeVisible();
  await editor.click();
  await page.keyboard.type("Wir beantragen 5000 Euro für das Sommerfest.");
  await expectSaved(page);

  // a comment thread on the selected text, started with the keyboard shortcut
  await selectText(editor, "5000 Euro");
  await page.keyboard.press("Control+Alt+KeyM");
  const panel = page.getByRole("region", { name: "Kommentare" });
  const body = panel.getByRole("textbox", { name: "Kommentar" });
  await expect(body).toBeFocused();
  await body.fill("Bitte die Summe mit dem Finanzplan abgleichen.");
  await panel.getByRole("button", { name: "Kommentar speichern" }).click();
  const thread = panel.getByRole("article", { name: "Kommentar zu „5000 Euro“" });
  await expect(thread).toContainText("Bitte die Summe mit dem Finanzplan abgleichen.");
  await expect(thread.getByRole("heading")).toBeFocused();
  await expect(editor.locator("[data-comment-thread]")).toHaveText("5000 Euro");
  await expect(editor.locator("mark.comment-range")).toHaveText("5000 Euro");

  // the thread and its text find each other: a click on the highlight picks the thread, and
  // "Im Text zeigen" selects its text in the editor
  await editor.getByText("Wir beantragen").click({ position: { x: 5, y: 5 } });
  await expect(thread).not.toHaveAttribute("aria-current", "true");
  await editor.locator(".comment-range").click();
  await expect(thread).toHaveAttribute("aria-current", "true");
  await thread.getByRole("button", { name: "Im Text zeigen: „5000 Euro“" }).click();
  await expect(editor).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("5000 Euro");

  // a reply that mentions Mara, chosen from the suggestions with the keyboard
  await thread.getByRole("button", { name: "Antworten auf „5000 Euro“" }).click();
  const reply = thread.getByRole("textbox", { name: "Deine Antwort" });
  await expect(reply).toBeFocused();
  await page.keyboard.type("Frag bitte @ma");
  const option = thread.getByRole("option", { name: "Mara Mitglied" });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(reply).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id")) ?? "");
  await page.keyboard.press("Enter");
  await expect(reply).toHaveValue("Frag bitte @Mara Mitglied ");
  // the finished mention stays closed: typing on offers nobody, and Enter starts a new line
  await expect(thread.getByRole("listbox")).toHaveCount(0);
  await page.keyboard.type("nach dem Finanzplan.");
  await expect(thread.getByRole("listbox")).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(reply).toHaveValue("Frag bitte @Mara Mitglied nach dem Finanzplan.\n");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(thread.getByRole("listitem").nth(1)).toContainText(
    "Frag bitte @Mara Mitglied nach dem Finanzplan.",
  );
  await expect(thread.getByRole("button", { name: "Antworten auf „5000 Euro“" })).toBeFocused();

  // my reply, edited: its button is told from the first comment's by the start of its text
  await expect(
    thread.getByRole("button", { name: /^Kommentar von Dora Dramaturgin, .+ bearbeiten$/ }),
  ).toHaveCount(2);
  await thread
    .getByRole("button", {
      name: /^Kommentar von Dora Dramaturgin, .+ \(„Frag bitte @Mara Mitglied nac…“\) bearbeiten$/,
    })
    .click();
  const edit = thread.getByRole("textbox", { name: "Kommentar bearbeiten" });
  await expect(edit).toBeFocused();
  await edit.fill("Frag bitte @Mara Mitglied nach dem Finanzplan 2026.");
  await thread.getByRole("button", { name: "Änderung speichern" }).click();
  await expect(thread.getByRole("listitem").nth(1)).toContainText("(bearbeitet)");
  await expect(thread.getByRole("listitem").nth(1)).toContainText(
    "Frag bitte @Mara Mitglied nach dem Finanzplan 2026.",
  );

  // a second thread, deleted with its first comment: the conversation and its mark are gone
  await editor.focus();
  await selectText(editor, "Sommerfest");
  await page.keyboard.press("Control+Alt+KeyM");
  await expect(panel.getByRole("textbox", { name: "Kommentar" })).toBeFocused();
  await page.keyboard.type("Tippfehler?");
  // Escape does not throw away what was written
  await page.keyboard.press("Escape");
  await expect(panel.getByRole("textbox", { name: "Kommentar" })).toHaveValue("Tippfehler?");
  await expect(panel.getByRole("textbox", { name: "Kommentar" })).toBeFocused();
  await page.keyboard.press("ControlOrMeta+Enter");
  const second = panel.getByRole("article", { name: "Kommentar zu „Sommerfest“" });
  await expect(second).toBeVisible();
  await expect(editor.locator("[data-comment-thread]")).toHaveCount(2);
  await second.getByRole("button", { name: /^Kommentar von Dora Dramaturgin, .+ löschen$/ }).click();
  await page
    .getByRole("dialog", { name: "Ganze Unterhaltung löschen?" })
    .getByRole("button", { name: "Ja, löschen" })
    .click();
  await expect(second).toHaveCount(0);
  await expect(panel.getByRole("heading", { name: "Kommentare" })).toBeFocused();
  await expect(editor.locator("[data-comment-thread]")).toHaveCount(1);

  // resolved: gone from the open threads, no longer highlighted, and so on the server
  await thread.getByRole("button", { name: "Als erledigt markieren: „5000 Euro“" }).click();
  await expect(panel.getByText("Keine offenen Kommentare.")).toBeVisible();
  await expect(editor.locator(".comment-range--resolved")).toHaveText("5000 Euro");
  await panel.getByLabel("Erledigt (1)").check();
  await expect(thread).toContainText("Erledigt von Dora Dramaturgin");
  const { threads } = await api(page, base, "GET", `/api/documents/${document.id}/threads`);
  expect(threads).toHaveLength(1);
  expect(threads[0].resolvedAt).not.toBeNull();
  expect(threads[0].comments[1].editedAt).not.toBeNull();
  expect(threads[0].comments[1].mentions.map((p: { displayName: string }) => p.displayName)).toEqual([
    "Mara Mitglied",
  ]);

  // a named version of the stored text
  await expectSaved(page);
  await page.getByRole("button", { name: "Versionen" }).click();
  const history = page.getByRole("dialog", { name: "Versionsverlauf" });
  await history.getByLabel("Name der Version").fill("Erster Entwurf");
  await history.getByRole("button", { name: "Version speichern" }).click();
  await expect(history.getByText("Die Version „Erster Entwurf“ wurde gespeichert.")).toBeVisible();
  await history.getByRole("button", { name: "Schließen" }).click();
  await expect(history).toBeHidden();

  // the text changes
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Ganz anderer Text.");
  await expect(editor).toHaveText("Ganz anderer Text.");
  await expectSaved(page);

  // the version is viewed read-only and restored: the old text is back, as a new change
  await page.getByRole("button", { name: "Versionen" }).click();
  await history.getByRole("button", { name: /^Erster Entwurf/ }).click();
  await expect(history.getByRole("heading", { name: "Erster Entwurf", exact: true })).toBeFocused();
  const preview = history.getByRole("document", {
    name: "Inhalt der Version „Erster Entwurf“ (nur zum Lesen)",
  });
  await expect(preview).toContainText("Wir beantragen 5000 Euro für das Sommerfest.");
  await expect(preview).not.toHaveAttribute("contenteditable", "true");
  // cancelling the confirmation (button or Escape) keeps the history open
  await history.getByRole("button", { name: "Diese Version wiederherstellen" }).click();
  const confirm = page.getByRole("dialog", { name: "„Erster Entwurf“ wiederherstellen?" });
  await confirm.getByRole("button", { name: "Abbrechen" }).click();
  await expect(confirm).toBeHidden();
  await expect(history).toBeVisible();
  await expect(history.getByRole("button", { name: "Diese Version wiederherstellen" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(history).toBeVisible();
  await history.getByRole("button", { name: "Diese Version wiederherstellen" }).click();
  await page
    .getByRole("dialog", { name: "„Erster Entwurf“ wiederherstellen?" })
    .getByRole("button", { name: "Ja, wiederherstellen" })
    .click();
  await expect(history).toBeHidden();
  await expect(page.getByText("Die Version „Erster Entwurf“ wurde wiederhergestellt.")).toBeVisible();
  await expect(editor).toHaveText("Wir beantragen 5000 Euro für das Sommerfest.");
  await expect(page.getByRole("button", { name: "Versionen" })).toBeFocused();
  await expectSaved(page);
  // stored on the server, not just on this screen
  await expect
    .poll(async () => (await page.request.get(`/api/documents/${document.id}/export?format=markdown`)).text())
    .toContain("Wir beantragen 5000 Euro");

  // a DOCX export downloads: a zip (Office Open XML) named after the document
  await page.getByRole("button", { name: "Exportieren" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Word (.docx)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^F(ö|oe?)rderantrag.*\.docx$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

  // printing (the menu's "Drucken / PDF", or the browser's own) shows only the document, under its title
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".print-header h1")).toHaveText("Förderantrag");
  await expect(editor).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Versionen" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Kommentare" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(page.locator(".print-header")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Kommentare" })).toBeVisible();

  // a Markdown file is imported and opens as a new document
  await page.goto(`/projects/${project.id}/documents`);
  await page.getByRole("button", { name: "Importieren" }).click();
  const importDialog = page.getByRole("dialog", { name: "Dokument importieren" });
  await importDialog.getByLabel("Datei").setInputFiles({
    name: "Pressemitteilung.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(
      "# Sommerfest am Fluss\n\nDas **Sommerfest** beginnt am 1. Juli.\n\n- Bühne\n- Markt\n",
    ),
  });
  await importDialog.getByRole("button", { name: "Importieren" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/documents/[0-9a-f-]{36}$`));
  expect(page.url()).not.toContain(document.id);
  const imported = page.getByRole("textbox", { name: /^Text von „/ });
  await expect(imported).toContainText("Das Sommerfest beginnt am 1. Juli.");
  await expect(imported.locator("strong")).toHaveText("Sommerfest");
  await expect(imported.getByRole("listitem")).toHaveText(["Bühne", "Markt"]);
});

test("the import dialog refuses what it cannot import in words: wrong types and files over 4 MB before anything is sent, damaged files after the server looked", async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("import");
  await signUpViaApi(page.request, base, { email, displayName: "Ina Import" });
  await confirmEmailViaOutbox(page.request, base, email);
  const { organisation } = await api(page, base, "POST", "/api/organisations", {
    name: "Kollektiv Ost",
    kind: "collective",
  });
  const { project } = await api(page, base, "POST", "/api/projects", {
    organisationId: organisation.id,
    name: "Lesereihe",
  });
  let imports = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/documents/import")) {
      imports += 1;
    }
  });

  await page.goto(`/projects/${project.id}/documents`);
  await page.getByRole("button", { name: "Importieren" }).click();
  const dialog = page.getByRole("dialog", { name: "Dokument importieren" });
  const file = dialog.getByLabel("Datei");
  await file.setInputFiles({
    name: "Plakat.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7"),
  });
  await dialog.getByRole("button", { name: "Importieren" }).click();
  await expect(file).toHaveAccessibleDescription(/Diese Datei kann nicht importiert werden/);
  await expect(file).toBeFocused();

  await file.setInputFiles({
    name: "Riesig.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.alloc(5 * 1024 * 1024, 1),
  });
  await dialog.getByRole("button", { name: "Importieren" }).click();
  await expect(file).toHaveAccessibleDescription(
    /Die Datei ist 5 MB groß\. Importieren kannst du Dateien bis 4 MB\./,
  );
  expect(imports).toBe(0);

  // a damaged Word file gets past the browser's checks; the server's verdict is said about the file
  await file.setInputFiles({
    name: "Kaputt.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.from("this is not a zip archive"),
  });
  await dialog.getByRole("button", { name: "Importieren" }).click();
  await expect(file).toHaveAccessibleDescription(/Sie ist beschädigt oder kein Word- oder Markdown-Dokument/);
  await expect(file).toBeFocused();
  expect(imports).toBe(1);

  await dialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Importieren" })).toBeFocused();
});

test("writing with the keyboard next to the toolbar: the caret line never hides under the sticky toolbar, Escape in the toolbar goes back to the text, heading buttons are named by what they show", async ({
  page,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const email = uniqueEmail("tastatur");
  await signUpViaApi(page.request, base, { email, displayName: "Tara Tastatur" });
  await confirmEmailViaOutbox(page.request, base, email);
  const { organisation } = await api(page, base, "POST", "/api/organisations", {
    name: "Freie Bühne",
    kind: "venue",
  });
  const { project } = await api(page, base, "POST", "/api/projects", {
    organisationId: organisation.id,
    name: "Spielzeit",
  });
  const { document } = await api(page, base, "POST", `/api/projects/${project.id}/documents`, {
    title: "Probenplan",
  });
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/projects/${project.id}/documents/${document.id}`);
  const editor = page.getByRole("textbox", { name: "Text von „Probenplan“" });
  await expect(page.getByText("Verbunden", { exact: true })).toBeVisible();
  await expect(editor).toHaveAttribute("aria-describedby", /-keys$/);
  const hintId = (await editor.getAttribute("aria-describedby")) ?? "";
  await expect(page.locator(`[id="${hintId}"]`)).toBeVisible();
  await expect(page.getByRole("button", { name: "H1, Überschrift 1" })).toBeVisible();

  // Alt+F10 to the toolbar, Escape back to the text, where typing goes on
  await editor.click();
  await page.keyboard.type("Probe");
  await page.keyboard.press("Alt+F10");
  await expect(page.getByRole("button", { name: "Fett" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(editor).toBeFocused();
  await page.keyboard.type(" 1");
  await expect(editor).toHaveText("Probe 1");

  // a long text, then up line by line: the caret's line stays below the toolbar
  for (let line = 2; line <= 40; line += 1) {
    await page.keyboard.press("Enter");
    await page.keyboard.type(`Probe ${line}`);
  }
  const toolbar = page.locator(".editor-toolbars");
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press("ArrowUp");
  }
  const box = await toolbar.boundingBox();
  expect(box).not.toBeNull();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const range = window.getSelection()?.getRangeAt(0);
        return range ? range.getBoundingClientRect().top : Number.NaN;
      }),
    )
    .toBeGreaterThanOrEqual((box?.y ?? 0) + (box?.height ?? 0));
  // the text did scroll (the toolbar is stuck at the top, not where it started)
  await expect(editor.getByText("Probe 1", { exact: true })).not.toBeInViewport();

  // a checklist box is named in German and keeps the keyboard: Space ticks, Space unticks, no text typed
  await editor.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("[ ] Plakate drucken");
  const box1 = page.getByRole("checkbox", { name: "Erledigt: Plakate drucken" });
  await expect(box1).toBeVisible();
  await box1.focus();
  await page.keyboard.press("Space");
  await expect(box1).toBeChecked();
  await expect(box1).toBeFocused();
  await page.keyboard.press("Space");
  await expect(box1).not.toBeChecked();
  await expect(box1).toBeFocused();
  await expect(editor.getByText("Plakate drucken", { exact: true })).toBeVisible();
});
