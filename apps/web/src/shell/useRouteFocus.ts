import { type RefObject, useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * After a client-side navigation, moves focus to the new page's <h1> (or main), as a full page
 * load would reset it; screen readers then announce the new page. Not on the first load, whose
 * location has the key "default" (as do entries the router did not create, like "#main").
 */
export function useRouteFocus(mainRef: RefObject<HTMLElement | null>): void {
  const { key, pathname } = useLocation();
  const lastPath = useRef(pathname);
  useEffect(() => {
    // Only a new page moves focus: a change of the query (filters kept in the URL) keeps the
    // user where they are.
    const samePage = lastPath.current === pathname;
    lastPath.current = pathname;
    if (key === "default" || samePage) {
      return;
    }
    const main = mainRef.current;
    if (!main) {
      return;
    }
    const heading = main.querySelector<HTMLElement>("h1");
    if (heading && !heading.hasAttribute("tabindex")) {
      heading.setAttribute("tabindex", "-1");
    }
    (heading ?? main).focus();
  }, [key, pathname, mainRef]);
}
