import { expect, type Page } from "@playwright/test";

/** Calls the API as the page's signed-in person (same cookies, our Origin) and expects success. */
export async function api(page: Page, base: string, method: "POST" | "GET", path: string, data?: unknown) {
  const res = await page.request.fetch(path, {
    method,
    headers: { origin: base },
    ...(data ? { data } : {}),
  });
  expect(res.ok(), `${method} ${path}: ${res.status()}`).toBe(true);
  return res.json();
}
