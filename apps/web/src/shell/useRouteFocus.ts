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
    const focusHeading = (heading: HTMLElement) => {
      if (!heading.hasAttribute("tabindex")) {
        heading.setAttribute("tabindex", "-1");
      }
      heading.focus();
    };
    const heading = main.querySelector<HTMLElement>("h1");
    if (heading) {
      focusHeading(heading);
      return;
    }
    // The page is still loading (its layout shows a status first): hold focus on main, then move
    // it to the heading once it appears — unless the user has moved on meanwhile.
    main.focus();
    const observer = new MutationObserver(() => {
      const late = main.querySelector<HTMLElement>("h1");
      if (!late) {
        return;
      }
      observer.disconnect();
      if (document.activeElement === main || document.activeElement === document.body) {
        focusHeading(late);
      }
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [key, pathname, mainRef]);
}
