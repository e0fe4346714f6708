import { useTranslation } from "react-i18next";
import { ActionError } from "../components/ActionError.tsx";
import { Button } from "../components/Button.tsx";
import { StatusMessage } from "../components/StatusMessage.tsx";
import { useResendVerification } from "../features/auth/auth.queries.ts";

/** Reminds a user with an unconfirmed address, and sends the mail again on request. */
export function VerifyBanner({ email }: { email: string }) {
  const { t } = useTranslation();
  const resend = useResendVerification();
  return (
    <section className="banner" aria-label={t("verifyBanner.label")}>
      <p className="banner__text">{t("verifyBanner.text", { email })}</p>
      <Button variant="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
        {t("verifyBanner.resend")}
      </Button>
      <StatusMessage message={resend.isSuccess ? t("verifyBanner.resent") : null} />
      <ActionError error={resend.error} className="banner__error" />
    </section>
  );
}
