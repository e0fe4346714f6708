import { useEffect, useState } from "react";
import { useUntilNextAction } from "../lib/actions.ts";

/** How long after a change a live region's new text is put in (see useAnnounced). */
const ANNOUNCE_DELAY_MS = 50;

/**
 * The text for a live region, put in just after the region is in the page and again after every
 * change of `text` or `key`: a region that appears already holding its text (a notice that arrives
 * with a new page) is not announced by screen readers, nor is one whose text stays the same (the
 * same count in another view; `key` names what the text is about).
 */
export function useAnnounced(text: string | null | undefined, key?: string): string | null {
  const [shown, setShown] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key announces the same text again
  useEffect(() => {
    setShown(null);
    if (!text) {
      return;
    }
    const timer = setTimeout(() => setShown(text), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, key]);
  return shown;
}

/**
 * A polite live region for success messages; present even when empty so changes are announced.
 * The message goes once the next action starts (its outcome will speak for itself).
 */
export function StatusMessage({ message }: { message: string | null | undefined }) {
  const shown = useAnnounced(useUntilNextAction(message || null));
  return (
    <div role="status" className="status-region">
      {shown ? <p className="notice notice--success">{shown}</p> : null}
    </div>
  );
}

/** A polite live region that is always in the page and announces `text` (see useAnnounced). */
export function LiveText({
  text,
  announceKey,
  className,
}: {
  text: string | null | undefined;
  announceKey?: string | undefined;
  className?: string | undefined;
}) {
  const shown = useAnnounced(text, announceKey);
  return (
    <p role="status" className={className}>
      {shown}
    </p>
  );
}
