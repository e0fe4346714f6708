import { useTranslation } from "react-i18next";
import { Button } from "../components/Button.tsx";
import { StatusMessage } from "../components/StatusMessage.tsx";
import { useResendVerification } from "../features/auth/auth.queries.ts";
import { errorMessage } from "../lib/errors.ts";

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
      {resend.isError ? (
        <p role="alert" className="notice notice--error banner__error">
          {errorMessage(t, resend.error)}
        </p>
      ) : null}
    </section>
  );
}
