import { type Browser, expect, type Page, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";
import { linkFromMail } from "../../support/outbox.ts";

/** A signed-in person in their own browser context (their own cookies, storage and network). */
async function person(browser: Browser, base: string, tag: string, name: string) {
  const context = await browser.newContext({ locale: "de-DE", baseURL: base });
  const page = await context.newPage();
  const email = uniqueEmail(tag);
  await signUpViaApi(page.request, base, { email, displayName: name });
  return { context, page, email, name };
}

const TITLE = "Förderantrag Sommerfestival";

/** The document's text area, found by its name. */
function editor(page: Page) {
  return page.getByRole("textbox", { name: `Text von „${TITLE}“` });
}

/** The document's text without the other people's carets (their names sit inside the text). */
function documentText(page: Page): Promise<string | null> {
  return editor(page).evaluate((element) => {
    const copy = element.cloneNode(true);
    if (!(copy instanceof HTMLElement)) {
      return null;
    }
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) {
      caret.remove();
    }
    return copy.textContent;
  });
}

/**
 * Waits until the editor's copy on the device (IndexedDB, `ensemble-doc-<userId>-<id>`) has every change
 * typed so far: a read of its store is ordered after the writes queued before it.
 */
async function localCopyWritten(page: Page, documentId: string): Promise<void> {
  const name = await page.evaluate(
    async (id) => (await indexedDB.databases()).find((d) => d.name?.endsWith(`-${id}`))?.name ?? "",
    documentId,
  );
  expect(name).toMatch(/^ensemble-doc-[0-9a-f-]+$/);
  const count = await page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          try {
            const request = open.result.transaction("updates", "readonly").objectStore("updates").count();
            request.onsuccess = () => {
              open.result.close();
              resolve(request.result);
            };
            request.onerror = () => reject(request.error);
          } catch (error) {
            // no such store: the editor keeps no copy on this device
            open.result.close();
            reject(error);
          }
        };
      }),
    name,
  );
  expect(count).toBeGreaterThan(0);
}

/** The polite status line that says whether my edits are stored. */
function saveState(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text });
}

test("two people write in one document at once, see each other's text and caret, and converge after one was offline", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";

  // Anna leads the project; Ben joins it as an editor through an invitation.
  const anna = await person(browser, base, "anna", "Anna Amsel");
  await confirmEmailViaOutbox(anna.page.request, base, anna.email);
  const { organisation } = await api(anna.page, base, "POST", "/api/organisations", {
    name: "Theater am Fluss",
    kind: "venue",
  });
  const { project } = await api(anna.page, base, "POST", "/api/projects", {
    organisationId: organisation.id,
    name: "Sommerfestival 2027",
  });
  const ben = await person(browser, base, "ben", "Ben Bauer");
  await api(anna.page, base, "POST", `/api/projects/${project.id}/invitations`, {
    email: ben.email,
    role: "editor",
  });
  const link = new URL(await linkFromMail(ben.email, "/invite/"));
  const token = link.pathname.split("/").at(-1);
  await api(ben.page, base, "POST", "/api/invitations/accept", { token });

  // Anna creates the document from the project's document list and lands in the editor.
  await anna.page.goto(`/projects/${project.id}`);
  await anna.page.getByRole("link", { name: "Dokumente" }).first().click();
  await anna.page.getByRole("button", { name: "Neues Dokument" }).click();
  await anna.page.getByRole("dialog").getByLabel("Titel").fill(TITLE);
  await anna.page.getByRole("button", { name: "Dokument anlegen" }).click();
  await expect(anna.page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const documentUrl = anna.page.url();
  const documentId = new URL(documentUrl).pathname.split("/").at(-1) ?? "";

  // Ben opens it by its address; both are connected and see each other in the list of people.
  await ben.page.goto(documentUrl);
  for (const [p, other] of [
    [anna.page, ben.name],
    [ben.page, anna.name],
  ] as const) {
    await expect(p.getByRole("status").filter({ hasText: /^Verbunden$/ })).toBeVisible();
    const people = p.getByRole("region", { name: "Gerade im Dokument" });
    await expect(people.getByRole("listitem").filter({ hasText: other })).toBeVisible();
  }

  // Each types; each sees the other's text and the other's named caret.
  await editor(anna.page).click();
  await anna.page.keyboard.type("Anna schreibt die Einleitung.");
  await expect.poll(() => documentText(ben.page)).toContain("Anna schreibt die Einleitung.");
  await editor(ben.page).click();
  await ben.page.keyboard.press("Control+End");
  await ben.page.keyboard.press("Enter");
  await ben.page.keyboard.type("Ben ergänzt den Finanzplan.");
  await expect.poll(() => documentText(anna.page)).toContain("Ben ergänzt den Finanzplan.");
  await expect(anna.page.locator(".collaboration-carets__label", { hasText: ben.name })).toBeVisible();
  await expect(ben.page.locator(".collaboration-carets__label", { hasText: anna.name })).toBeVisible();
  await expect(saveState(anna.page, /^Gespeichert$/)).toBeVisible();
  await expect(saveState(ben.page, /^Gespeichert$/)).toBeVisible();

  // Ben loses the network and keeps writing; Anna writes at the same time.
  await ben.context.setOffline(true);
  await expect(ben.page.getByRole("status").filter({ hasText: /^Offline$/ })).toBeVisible();
  await ben.page.keyboard.press("Enter");
  await ben.page.keyboard.type("Offline geschrieben im Zug.");
  await expect(saveState(ben.page, /synchronisiert, sobald du wieder verbunden bist/)).toBeVisible();
  await editor(anna.page).click();
  await anna.page.keyboard.press("Control+Home");
  await anna.page.keyboard.type("Entwurf: ");
  await expect(saveState(anna.page, /^Gespeichert$/)).toBeVisible();
  expect(await documentText(anna.page)).not.toContain("Offline geschrieben im Zug.");

  // Back online: Ben's offline edit reaches the server and Anna, Anna's reaches Ben, both are saved.
  await ben.context.setOffline(false);
  await expect(ben.page.getByRole("status").filter({ hasText: /^Verbunden$/ })).toBeVisible();
  await expect(saveState(ben.page, /^Gespeichert$/)).toBeVisible();
  await expect.poll(() => documentText(anna.page)).toContain("Offline geschrieben im Zug.");
  await expect.poll(() => documentText(ben.page)).toContain("Entwurf: Anna schreibt die Einleitung.");
  await expect.poll(async () => documentText(ben.page)).toBe(await documentText(anna.page));
  await expect(saveState(anna.page, /^Gespeichert$/)).toBeVisible();

  // Offline edits survive closing the page: the copy on the device sends them once back online.
  await ben.context.setOffline(true);
  await expect(ben.page.getByRole("status").filter({ hasText: /^Offline$/ })).toBeVisible();
  await editor(ben.page).click();
  await ben.page.keyboard.press("Control+End");
  await ben.page.keyboard.press("Enter");
  await ben.page.keyboard.type("Im Funkloch geschrieben.");
  await localCopyWritten(ben.page, documentId);
  await ben.page.close();
  await ben.context.setOffline(false);
  const benAgain = await ben.context.newPage();
  await benAgain.goto(documentUrl);
  await expect.poll(() => documentText(anna.page)).toContain("Im Funkloch geschrieben.");
  await expect(saveState(benAgain, /^Gespeichert$/)).toBeVisible();

  // "Gespeichert" meant stored: a browser without the local copy gets all of it from the server.
  const fresh = await browser.newContext({ storageState: await anna.context.storageState(), baseURL: base });
  const freshPage = await fresh.newPage();
  await freshPage.goto(documentUrl);
  for (const text of [
    "Im Funkloch geschrieben.",
    "Entwurf: Anna schreibt die Einleitung.",
    "Ben ergänzt den Finanzplan.",
    "Offline geschrieben im Zug.",
  ]) {
    await expect.poll(() => documentText(freshPage)).toContain(text);
  }

  await fresh.close();

  // Signing out leaves no copy of the documents on the device (shared computers).
  await benAgain.getByRole("button", { name: `Konto: ${ben.name}` }).click();
  await benAgain.getByRole("menuitem", { name: "Abmelden" }).click();
  await expect(benAgain.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  await expect
    .poll(() =>
      benAgain.evaluate(
        async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith("ensemble-doc-")).length,
      ),
    )
    .toBe(0);
  expect(
    await benAgain.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ensemble-doc-"))),
  ).toEqual([]);

  await anna.context.close();
  await ben.context.close();
});
