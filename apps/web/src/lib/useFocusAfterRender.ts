import { type RefObject, useCallback, useEffect, useState } from "react";

/**
 * Returns a function that moves focus to `ref` once the next render is committed — e.g. after a
 * modal dialog closed in that render (focus cannot leave a modal dialog while it is open), when the
 * control the dialog would give focus back to is gone with a removed row.
 */
export function useFocusAfterRender(ref: RefObject<HTMLElement | null>): () => void {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) {
      ref.current?.focus();
    }
  }, [requests, ref]);
  return useCallback(() => setRequests((n) => n + 1), []);
}
