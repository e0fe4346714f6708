import { useEffect, useRef } from "react";

/**
 * While `active`, calls `onOutside` whenever a pointer is pressed or focus moves to something that
 * `isInside` does not claim — anywhere on the page, even on nothing focusable (menus close, a
 * kept focus is given up). The latest callbacks are used without adding the listeners again.
 */
export function useInteractionOutside(
  active: boolean,
  isInside: (target: EventTarget | null) => boolean,
  onOutside: () => void,
): void {
  const latest = useRef({ isInside, onOutside });
  latest.current = { isInside, onOutside };
  useEffect(() => {
    if (!active) {
      return;
    }
    const listener = (event: Event) => {
      if (!latest.current.isInside(event.target)) {
        latest.current.onOutside();
      }
    };
    document.addEventListener("pointerdown", listener);
    document.addEventListener("focusin", listener);
    return () => {
      document.removeEventListener("pointerdown", listener);
      document.removeEventListener("focusin", listener);
    };
  }, [active]);
}
