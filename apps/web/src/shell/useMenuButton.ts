import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from "react";
import { useInteractionOutside } from "../lib/useInteractionOutside.ts";

type OpenFocus = "first" | "last";

export interface MenuButton {
  open: boolean;
  /** Spread on the element that holds button and menu (clicks and focus outside it close the menu). */
  containerRef: RefObject<HTMLDivElement | null>;
  /** Spread on the menu button (a <button type="button">). */
  buttonProps: {
    ref: RefObject<HTMLButtonElement | null>;
    id: string;
    "aria-haspopup": "menu";
    "aria-expanded": boolean;
    "aria-controls": string;
    onClick(): void;
    onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
  };
  /** Spread on the menu; its items carry role="menuitem" and tabIndex={-1}. */
  menuProps: {
    ref: RefObject<HTMLDivElement | null>;
    id: string;
    role: "menu";
    "aria-labelledby": string;
    hidden: boolean;
    onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  };
  /** Closes the menu; with `returnFocus` focus goes back to the button. */
  close(returnFocus: boolean): void;
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
}

/**
 * The ARIA menu button pattern: Enter, Space or ArrowDown open the menu on its first item,
 * ArrowUp on its last; arrows (wrapping), Home and End move between items; Space acts like Enter
 * on an item; Escape closes and returns focus to the button; Tab, or a click or focus outside,
 * close it.
 */
export function useMenuButton(): MenuButton {
  const menuId = useId();
  const buttonId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [openFocus, setOpenFocus] = useState<OpenFocus | null>(null);
  const open = openFocus !== null;

  useEffect(() => {
    if (openFocus === null) {
      return;
    }
    const list = menuItems(menuRef.current);
    (openFocus === "first" ? list[0] : list[list.length - 1])?.focus();
  }, [openFocus]);

  // A click or focus anywhere else closes the menu.
  useInteractionOutside(
    open,
    (target) => !(target instanceof Node) || Boolean(containerRef.current?.contains(target)),
    () => setOpenFocus(null),
  );

  function close(returnFocus: boolean) {
    setOpenFocus(null);
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpenFocus("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpenFocus("last");
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = menuItems(menuRef.current);
    const index = document.activeElement instanceof HTMLElement ? list.indexOf(document.activeElement) : -1;
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusAt(index + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusAt(index - 1);
        break;
      case "Home":
        event.preventDefault();
        focusAt(0);
        break;
      case "End":
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        close(true);
        break;
      case "Tab":
        close(false);
        break;
      case " ":
        // menu items act on Space as on Enter (a link alone would ignore it)
        if (index >= 0) {
          event.preventDefault();
          list[index]?.click();
        }
        break;
      default:
        break;
    }
  }

  return {
    open,
    containerRef,
    buttonProps: {
      ref: buttonRef,
      id: buttonId,
      "aria-haspopup": "menu",
      "aria-expanded": open,
      "aria-controls": menuId,
      onClick: () => (open ? close(false) : setOpenFocus("first")),
      onKeyDown: onButtonKeyDown,
    },
    menuProps: {
      ref: menuRef,
      id: menuId,
      role: "menu",
      "aria-labelledby": buttonId,
      hidden: !open,
      onKeyDown: onMenuKeyDown,
    },
    close,
  };
}
