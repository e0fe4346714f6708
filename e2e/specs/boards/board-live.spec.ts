import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { confirmEmailViaOutbox, signUpViaApi, uniqueEmail } from "../../support/accounts.ts";
import { api } from "../../support/api.ts";
import { linkFromMail } from "../../support/outbox.ts";

/** How long another person's change may take to show without a reload ("within a second", with CI's margin). */
const LIVE = { timeout: 5_000 };

interface Person {
  page: Page;
  email: string;
  name: string;
  id: string;
}

/** A signed-in person in their own browser context (their own cookies, storage and network). */
async function person(browser: Browser, base: string, tag: string, name: string): Promise<Person> {
  const context = await browser.newContext({ locale: "de-DE", baseURL: base });
  const page = await context.newPage();
  const email = uniqueEmail(tag);
  await signUpViaApi(page.request, base, { email, displayName: name });
  const { user } = await api(page, base, "GET", "/api/account/me");
  return { page, email, name, id: user.id };
}

/** Invites someone into a project with a role and has them accept (the mail's link, through the API). */
async function join(lead: Person, other: Person, base: string, projectId: string, role: "editor" | "viewer") {
  await api(lead.page, base, "POST", `/api/projects/${projectId}/invitations`, { email: other.email, role });
  const link = new URL(await linkFromMail(other.email, "/invite/"));
  await api(other.page, base, "POST", "/api/invitations/accept", { token: link.pathname.split("/").at(-1) });
}

interface Seeded {
  projectId: string;
  boardId: string;
  /** Column ids by name: Offen, In Arbeit, Erledigt (a German board's default columns). */
  columns: Record<string, string>;
}

/** A project of the lead's organisation with a board (default German columns) and tasks in it. */
async function projectWithBoard(
  lead: Person,
  base: string,
  organisationId: string,
  names: { project: string; board: string },
): Promise<Seeded> {
  const { project } = await api(lead.page, base, "POST", "/api/projects", {
    organisationId,
    name: names.project,
  });
  const { board } = await api(lead.page, base, "POST", `/api/projects/${project.id}/boards`, {
    name: names.board,
    language: "de",
  });
  const columns = Object.fromEntries(
    (board.columns as { id: string; name: string }[]).map((c) => [c.name, c.id]),
  );
  return { projectId: project.id, boardId: board.id, columns };
}

async function addTask(
  lead: Person,
  base: string,
  seeded: Seeded,
  column: string,
  title: string,
  assignees: string[] = [],
) {
  await api(lead.page, base, "POST", `/api/boards/${seeded.boardId}/tasks`, {
    columnId: seeded.columns[column],
    title,
    assigneeIds: assignees,
  });
}

/** A column's cards on the board (its list is named by the column's heading). */
function column(page: Page, name: string): Locator {
  return page.getByRole("list", { name, exact: true });
}

/** A card by its title, on the board or in one column. */
function card(scope: Page | Locator, title: string): Locator {
  const page = "goto" in scope ? scope : scope.page();
  return scope.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/** The titles in a column, top to bottom (a card's one link is its title). */
function titlesIn(page: Page, name: string): Promise<string[]> {
  return column(page, name).getByRole("link").allTextContents();
}

test("two members on one board: one drags a card with the mouse, the other moves one with the keyboard only; each sees the other's move live", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const anna = await person(browser, base, "anna", "Anna Amsel");
  await confirmEmailViaOutbox(anna.page.request, base, anna.email);
  const { organisation } = await api(anna.page, base, "POST", "/api/organisations", {
    name: "Theater am Fluss",
    kind: "venue",
  });
  const seeded = await projectWithBoard(anna, base, organisation.id, {
    project: "Sommerfestival 2027",
    board: "Produktion",
  });
  const ben = await person(browser, base, "ben", "Ben Bauer");
  await join(anna, ben, base, seeded.projectId, "editor");
  for (const title of ["Plakate drucken", "Bühnenplan abstimmen", "Catering anfragen"]) {
    await addTask(anna, base, seeded, "Offen", title);
  }
  await addTask(anna, base, seeded, "In Arbeit", "Pressemitteilung schreiben");

  const boardUrl = `/projects/${seeded.projectId}/boards/${seeded.boardId}`;
  for (const p of [anna.page, ben.page]) {
    await p.goto(boardUrl);
    await expect(p.getByRole("heading", { level: 2, name: "Produktion" })).toBeVisible();
    await expect(card(p, "Plakate drucken")).toBeVisible();
  }

  // Anna drags "Plakate drucken" from Offen to In Arbeit with the mouse (pressed on the card's
  // body, a few small steps first so the drag starts, then over the other column).
  const dragged = card(anna.page, "Plakate drucken");
  const from = await dragged.boundingBox();
  const to = await column(anna.page, "In Arbeit").boundingBox();
  if (!from || !to) {
    throw new Error("the card or the column is not on screen");
  }
  await anna.page.mouse.move(from.x + 12, from.y + from.height - 8);
  await anna.page.mouse.down();
  await anna.page.mouse.move(from.x + 24, from.y + from.height - 4, { steps: 4 });
  await anna.page.mouse.move(to.x + to.width / 2, to.y + to.height - 6, { steps: 15 });
  await anna.page.mouse.move(to.x + to.width / 2, to.y + to.height - 4, { steps: 2 });
  await anna.page.mouse.up();
  await expect(card(column(anna.page, "In Arbeit"), "Plakate drucken")).toBeVisible();
  await expect(card(column(anna.page, "Offen"), "Plakate drucken")).toHaveCount(0);

  // Ben sees it arrive without reloading.
  await expect(card(column(ben.page, "In Arbeit"), "Plakate drucken")).toBeVisible(LIVE);
  await expect(card(column(ben.page, "Offen"), "Plakate drucken")).toHaveCount(0);

  // Ben moves "Bühnenplan abstimmen" with the keyboard only: focus its handle, Space picks it
  // up, the right arrow carries it into the next column, Space puts it down; it is announced.
  const handle = ben.page.getByRole("button", { name: "Ziehen: Bühnenplan abstimmen" });
  await handle.focus();
  await expect(handle).toBeFocused();
  await ben.page.keyboard.press("Space");
  // picked up: the handle is pressed, and the place it is over is said
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await expect(ben.page.getByRole("status").filter({ hasText: "Spalte Offen, Position" })).toBeAttached();
  // the board's own instructions: "Pfeil links und rechts in die Spalte daneben"
  await ben.page.keyboard.press("ArrowRight");
  await expect(ben.page.getByRole("status").filter({ hasText: "Spalte In Arbeit, Position" })).toBeAttached();
  await ben.page.keyboard.press("Space");
  await expect(
    ben.page.getByRole("status").filter({ hasText: "„Bühnenplan abstimmen“ abgelegt: Spalte In Arbeit" }),
  ).toBeAttached();
  await expect(card(column(ben.page, "In Arbeit"), "Bühnenplan abstimmen")).toBeVisible();
  // focus stays with the moved card (now in another column), so the next key moves it on
  await expect(ben.page.getByRole("button", { name: "Ziehen: Bühnenplan abstimmen" })).toBeFocused();

  // Anna sees Ben's move without reloading.
  await expect(card(column(anna.page, "In Arbeit"), "Bühnenplan abstimmen")).toBeVisible(LIVE);
  await expect(card(column(anna.page, "Offen"), "Bühnenplan abstimmen")).toHaveCount(0);

  // Both show one order, and it is the stored one: the same after a reload.
  await expect
    .poll(() => titlesIn(ben.page, "In Arbeit"), LIVE)
    .toEqual(await titlesIn(anna.page, "In Arbeit"));
  const shown = await titlesIn(anna.page, "In Arbeit");
  expect(shown).toHaveLength(3);
  for (const p of [anna.page, ben.page]) {
    await p.reload();
    await expect(card(column(p, "In Arbeit"), "Bühnenplan abstimmen")).toBeVisible();
    expect(await titlesIn(p, "In Arbeit")).toEqual(shown);
    expect(await titlesIn(p, "Offen")).toEqual(["Catering anfragen"]);
  }
});

test("a viewer reads the board without handles, move menus or edit controls; My tasks lists tasks from two projects", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const anna = await person(browser, base, "anna", "Anna Amsel");
  await confirmEmailViaOutbox(anna.page.request, base, anna.email);
  const { organisation } = await api(anna.page, base, "POST", "/api/organisations", {
    name: "Kulturamt Bochum",
    kind: "municipality",
  });
  const festival = await projectWithBoard(anna, base, organisation.id, {
    project: "Sommerfestival 2027",
    board: "Produktion",
  });
  const reception = await projectWithBoard(anna, base, organisation.id, {
    project: "Neujahrsempfang",
    board: "Vorbereitung",
  });
  await addTask(anna, base, festival, "Offen", "Plakate drucken", [anna.id]);
  await addTask(anna, base, festival, "In Arbeit", "Bühnenplan abstimmen");
  await addTask(anna, base, reception, "Offen", "Einladungen verschicken", [anna.id]);
  const vera = await person(browser, base, "vera", "Vera Vogel");
  await join(anna, vera, base, festival.projectId, "viewer");

  // Vera (viewer) sees the cards, and nothing to change them with.
  const board = vera.page;
  await board.goto(`/projects/${festival.projectId}/boards/${festival.boardId}`);
  await expect(board.getByRole("heading", { level: 2, name: "Produktion" })).toBeVisible();
  await expect(board.getByText("Du kannst dieses Board lesen, aber nicht ändern.")).toBeVisible();
  await expect(card(column(board, "Offen"), "Plakate drucken")).toBeVisible();
  await expect(card(column(board, "In Arbeit"), "Bühnenplan abstimmen")).toBeVisible();
  await expect(board.getByRole("button", { name: /^Ziehen:/ })).toHaveCount(0);
  await expect(board.getByRole("button", { name: /verschieben nach/ })).toHaveCount(0);
  await expect(board.getByRole("button", { name: /^Aufgabe zu .* hinzufügen$/ })).toHaveCount(0);
  await expect(board.getByRole("button", { name: "Spalte hinzufügen" })).toHaveCount(0);
  await expect(board.getByRole("button", { name: /^Aktionen für Spalte/ })).toHaveCount(0);
  await expect(board.getByRole("button", { name: "Erledigte archivieren" })).toHaveCount(0);

  // Her task detail shows the task without fields or actions.
  await board.getByRole("link", { name: "Plakate drucken", exact: true }).click();
  const detail = board.getByRole("dialog", { name: "Plakate drucken" });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole("textbox", { name: "Titel" })).toHaveCount(0);
  await expect(detail.getByRole("button", { name: "Archivieren" })).toHaveCount(0);
  await expect(detail.getByRole("button", { name: "Löschen" })).toHaveCount(0);

  // Anna's "Meine Aufgaben" (primary navigation) lists what is assigned to her in both projects.
  await anna.page.goto("/");
  await anna.page.getByRole("link", { name: "Meine Aufgaben" }).first().click();
  await expect(anna.page.getByRole("heading", { level: 1, name: "Meine Aufgaben" })).toBeVisible();
  const poster = anna.page.getByRole("listitem").filter({ hasText: "Plakate drucken" });
  const invitations = anna.page.getByRole("listitem").filter({ hasText: "Einladungen verschicken" });
  await expect(poster).toContainText("Sommerfestival 2027");
  await expect(invitations).toContainText("Neujahrsempfang");
  // not assigned to her: not listed
  await expect(anna.page.getByRole("link", { name: "Bühnenplan abstimmen" })).toHaveCount(0);
  // a task opens on its board
  await invitations.getByRole("link", { name: "Einladungen verschicken" }).click();
  await expect(anna.page.getByRole("heading", { level: 2, name: "Vorbereitung" })).toBeVisible();
});
