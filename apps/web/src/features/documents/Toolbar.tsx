import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";

interface RovingContext {
  isActive(id: string): boolean;
  activate(id: string): void;
}

const Roving = createContext<RovingContext | null>(null);

/**
 * A toolbar in the ARIA pattern: one tab stop (the last button used), arrow keys move between
 * the buttons (wrapping), Home and End go to the first and last. Buttons stay focusable when
 * they are unavailable (aria-disabled), so moving through the toolbar never skips a place, and
 * the set of buttons stays the same (a contextual set is a toolbar of its own). Escape goes back to
 * what the toolbar acts on (`onEscape`).
 */
export function Toolbar({
  label,
  first,
  controls,
  className,
  onEscape,
  children,
}: {
  label: string;
  /** The id of the first button (the tab stop until another is used); the buttons never change. */
  first: string;
  /** The id of what the toolbar acts on (the editor). */
  controls?: string | undefined;
  className?: string | undefined;
  /** Escape in the toolbar: gives focus back to what it acts on (the text). */
  onEscape?: (() => void) | undefined;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<string | null>(null);

  const items = useCallback(
    () => Array.from(ref.current?.querySelectorAll<HTMLElement>("[data-toolbar-item]") ?? []),
    [],
  );

  const context = useMemo<RovingContext>(
    () => ({
      // Until a button was used, the first one is the tab stop.
      isActive: (id) => id === (active ?? first),
      activate: setActive,
    }),
    [active, first],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && onEscape) {
      event.preventDefault();
      onEscape();
      return;
    }
    const list = items();
    const index = document.activeElement instanceof HTMLElement ? list.indexOf(document.activeElement) : -1;
    if (index < 0) {
      return;
    }
    let next: number;
    switch (event.key) {
      case "ArrowRight":
        next = (index + 1) % list.length;
        break;
      case "ArrowLeft":
        next = (index - 1 + list.length) % list.length;
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = list.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const target = list[next];
    if (target) {
      setActive(target.dataset.toolbarItem ?? null);
      target.focus();
    }
  }

  return (
    <Roving.Provider value={context}>
      <div
        ref={ref}
        role="toolbar"
        aria-label={label}
        aria-controls={controls}
        className={className}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </Roving.Provider>
  );
}

/** A labelled group of toolbar buttons (a visual and a spoken unit: "Text", "Lists", …). */
export function ToolbarGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group inside a toolbar; fieldset is for forms
    <div role="group" aria-label={label} className="toolbar__group">
      {children}
    </div>
  );
}

/** A button of a Toolbar: an icon or short text, its name in `label`, its shortcut in the tooltip. */
export function ToolbarButton({
  id,
  label,
  shortcut,
  pressed,
  disabled = false,
  onClick,
  children,
}: {
  /** Unique in its toolbar (remembers the tab stop). */
  id: string;
  label: string;
  /** Shown in the tooltip and given to assistive technology ("Strg+B"). */
  shortcut?: string | undefined;
  /** For toggles (bold, lists, …): whether the format is on at the cursor. */
  pressed?: boolean | undefined;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  const roving = useContext(Roving);
  return (
    <button
      type="button"
      className="toolbar__button"
      data-toolbar-item={id}
      tabIndex={roving?.isActive(id) ? 0 : -1}
      aria-label={label}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
      title={shortcut ? `${label} (${shortcut})` : label}
      // Keep the editor's selection: a mouse click on a button must not take focus from the text.
      onMouseDown={(event) => event.preventDefault()}
      onFocus={() => roving?.activate(id)}
      onClick={() => {
        roving?.activate(id);
        if (!disabled) {
          onClick();
        }
      }}
    >
      {children}
    </button>
  );
}

/** "Strg+Umschalt+S" or "Ctrl+Shift+S" → the aria-keyshortcuts form "Control+Shift+S". */
function ariaShortcut(shortcut: string): string {
  return shortcut
    .split("+")
    .map((part) => {
      switch (part) {
        case "Strg":
        case "Ctrl":
          return "Control";
        case "Umschalt":
          return "Shift";
        case "⌘":
          return "Meta";
        default:
          return part;
      }
    })
    .join("+");
}
