// Any origin will do: only whether the path stays on it matters.
const BASE = "https://ensemble.invalid";

/**
 * A same-site path to continue to after signing in, or "/". Refuses anything that could leave the
 * site ("//evil.example", "/\\evil.example", "/\t/evil.example" — browsers drop tabs and newlines
 * from URLs —, absolute URLs), so `?next=` cannot be used to redirect away.
 */
export function safeNext(raw: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (!raw || !raw.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(raw)) {
    return "/";
  }
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) {
    return "/";
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
