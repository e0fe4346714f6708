import type { SessionUser } from "@ensemble/auth/sessions";
import type { Locale, Me } from "@ensemble/contracts/auth";

/** The signed-in person for the web app. */
export function presentMe(user: SessionUser): Me {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.email_verified_at !== null,
    displayName: user.display_name,
    isInstanceAdmin: user.is_instance_admin,
    locale: user.locale === "de" || user.locale === "en" ? (user.locale as Locale) : null,
    createdAt: user.created_at.toISOString(),
  };
}
