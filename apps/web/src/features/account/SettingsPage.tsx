import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useMe } from "../auth/auth.queries.ts";
import { ChangeEmailSection } from "./ChangeEmailSection.tsx";
import { ChangePasswordSection } from "./ChangePasswordSection.tsx";
import { DeleteAccountSection } from "./DeleteAccountSection.tsx";
import { ProfileSection } from "./ProfileSection.tsx";
import { SessionsSection } from "./SessionsSection.tsx";

/** /settings: the signed-in user's own account. */
export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("settings.title"));
  const me = useMe().data;
  if (!me) {
    return null;
  }
  return (
    <div className="page page--settings">
      <h1>{t("settings.heading")}</h1>
      <ProfileSection me={me} />
      <ChangePasswordSection />
      <ChangeEmailSection me={me} />
      <SessionsSection />
      <DeleteAccountSection />
    </div>
  );
}
