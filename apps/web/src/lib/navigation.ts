/**
 * A same-site path to continue to after signing in, or "/". Refuses anything that could leave the
 * site ("//evil.example", "/\\evil.example", absolute URLs), so `?next=` cannot be used to redirect away.
 */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) {
    return "/";
  }
  return raw;
}

/** The sign-in address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
