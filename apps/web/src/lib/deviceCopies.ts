/**
 * Documents keep a copy on the device (IndexedDB `ensemble-doc-<id>`, plus a content-free
 * "unsaved" mark in localStorage) so offline edits survive. Signing out removes them: on a shared
 * computer in a Kulturamt or a library, the next person must not find the last one's documents.
 */
export async function forgetDeviceCopies(): Promise<void> {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith("ensemble-doc-")) {
        localStorage.removeItem(key);
      }
    }
  } catch {
    // storage may be unavailable (private mode); nothing was kept then
  }
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") {
    return;
  }
  try {
    const databases = await indexedDB.databases();
    await Promise.all(
      databases
        .map((d) => d.name)
        .filter((name): name is string => Boolean(name?.startsWith("ensemble-doc-")))
        .map(
          (name) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => resolve();
              // another tab still has it open: it goes when that tab closes
              request.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // best effort: the sign-out itself must not fail over this
  }
}
