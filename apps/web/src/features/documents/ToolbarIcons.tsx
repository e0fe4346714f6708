import type { ReactNode } from "react";

/** A 20 px line icon in the text colour; decorative (the button carries the name). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="toolbar__icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** The icons of the editor toolbar, by command. */
export const icons = {
  bulletList: (
    <Icon>
      <circle cx="5" cy="6" r="1.2" fill="currentColor" />
      <circle cx="5" cy="12" r="1.2" fill="currentColor" />
      <circle cx="5" cy="18" r="1.2" fill="currentColor" />
      <path d="M9 6h11M9 12h11M9 18h11" />
    </Icon>
  ),
  orderedList: (
    <Icon>
      <path d="M4 4.5h1.5v4M4 8.5h3M4 14.5c0-1 .8-1.5 1.5-1.5s1.5.5 1.5 1.3c0 1.2-3 2-3 3.7h3M10 6h10M10 12h10M10 18h10" />
    </Icon>
  ),
  taskList: (
    <Icon>
      <rect x="3" y="4" width="5" height="5" rx="1" />
      <path d="m4.2 6.6 1.2 1.2 2-2.4" />
      <rect x="3" y="14" width="5" height="5" rx="1" />
      <path d="M11 6.5h10M11 16.5h10" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M7 7H4v5h3v-1c0 2-1 3-3 4M17 7h-3v5h3v-1c0 2-1 3-3 4" />
    </Icon>
  ),
  codeBlock: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="m9 10-2 2 2 2M15 10l2 2-2 2" />
    </Icon>
  ),
  code: (
    <Icon>
      <path d="m8 7-5 5 5 5M16 7l5 5-5 5" />
    </Icon>
  ),
  horizontalRule: (
    <Icon>
      <path d="M3 12h18" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="m21 16-5-5-9 9" />
    </Icon>
  ),
  table: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 10h18M3 15h18M10 4v16" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9a5 5 0 0 0 0 10h3" />
    </Icon>
  ),
  rowBefore: (
    <Icon>
      <rect x="3" y="11" width="18" height="9" rx="1.5" />
      <path d="M12 3v6M9 6h6" />
    </Icon>
  ),
  rowAfter: (
    <Icon>
      <rect x="3" y="4" width="18" height="9" rx="1.5" />
      <path d="M12 15v6M9 18h6" />
    </Icon>
  ),
  rowDelete: (
    <Icon>
      <rect x="3" y="8" width="18" height="8" rx="1.5" />
      <path d="m9 10 6 4M15 10l-6 4" />
    </Icon>
  ),
  columnBefore: (
    <Icon>
      <rect x="11" y="3" width="9" height="18" rx="1.5" />
      <path d="M3 12h6M6 9v6" />
    </Icon>
  ),
  columnAfter: (
    <Icon>
      <rect x="4" y="3" width="9" height="18" rx="1.5" />
      <path d="M15 12h6M18 9v6" />
    </Icon>
  ),
  columnDelete: (
    <Icon>
      <rect x="8" y="3" width="8" height="18" rx="1.5" />
      <path d="m10 9 4 6M14 9l-4 6" />
    </Icon>
  ),
  headerRow: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 10h18" />
      <path d="M3 4h18v6H3z" fill="currentColor" stroke="none" opacity="0.35" />
    </Icon>
  ),
  tableDelete: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="m9 9 6 6M15 9l-6 6" />
    </Icon>
  ),
} as const;
