/** Initials of a name: the first letters of its first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

/**
 * A coloured square with initials (until logos come with files). Decorative: the name is always
 * written next to it, so it is hidden from assistive technology.
 */
export function Avatar({
  name,
  color,
  size = "medium",
}: {
  name: string;
  color: number;
  size?: "small" | "medium" | "large";
}) {
  return (
    <span className={`avatar avatar--${size} avatar--c${Math.abs(color) % 8}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
