import { useEffect, useState } from "react";

/**
 * The `token` query parameter of a mail link, read once; it is removed from the address bar at
 * once (history.replaceState) so it does not linger in history, screenshots or shared links.
 */
export function useTokenFromUrl(): string | null {
  const [token] = useState(() => new URLSearchParams(window.location.search).get("token"));
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("token")) {
      return;
    }
    url.searchParams.delete("token");
    // Keep the router's history state (key, index) so back/forward keep working.
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);
  return token;
}
