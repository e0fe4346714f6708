import { useEffect, useRef } from "react";
import { useMe } from "../features/auth/auth.queries.ts";
import { applyLanguage, currentLanguage } from "./i18n.ts";

/**
 * When a user is known (page load or sign-in), their saved language wins over the detected one.
 * Applied once per user, so a switch made in this tab is not undone by a later refetch.
 */
export function LocaleSync() {
  const me = useMe().data;
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!me) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === me.id) {
      return;
    }
    appliedFor.current = me.id;
    const saved = me.locale;
    if (!saved || saved === currentLanguage()) {
      return;
    }
    // Deferred a task: the pages that appear together with `me` (the app shell) subscribe to
    // language changes in their own effects, which run after this one; switching now would
    // happen before they listen, and they would stay in the detected language.
    setTimeout(() => void applyLanguage(saved), 0);
  }, [me]);
  return null;
}
