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
    if (me.locale && me.locale !== currentLanguage()) {
      void applyLanguage(me.locale);
    }
  }, [me]);
  return null;
}
