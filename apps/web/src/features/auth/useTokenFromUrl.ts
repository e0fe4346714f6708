import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * The `token` query parameter of a mail link, read once; it is removed from the address bar, the
 * history entry and the router's location at once, so it does not linger in history, screenshots
 * or shared links.
 */
export function useTokenFromUrl(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => new URLSearchParams(location.search).get("token"));
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (!params.has("token")) {
      return;
    }
    params.delete("token");
    const search = params.toString();
    void navigate(
      { pathname: location.pathname, search: search ? `?${search}` : "", hash: location.hash },
      { replace: true },
    );
  }, [location, navigate]);
  return token;
}
