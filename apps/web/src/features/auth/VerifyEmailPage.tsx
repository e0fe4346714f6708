import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { asApiError } from "../../lib/api.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useMe, useResendVerification, useVerifyEmail } from "./auth.queries.ts";
import { useTokenFromUrl } from "./useTokenFromUrl.ts";

type State = "pending" | "success" | "failed";

// Worth another try with the same link; other failures need a new link.
const TRANSIENT = new Set(["network_error", "busy", "rate_limited", "internal_error", "unexpected_response"]);

/** /verify-email?token=…: confirms the address as soon as the page opens. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = useTokenFromUrl();
  const me = useMe().data;
  const verify = useVerifyEmail();
  const resend = useResendVerification();
  const { mutate } = verify;
  const started = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Once only, also under StrictMode's double effects: a token can be used a single time.
    if (!token || started.current) {
      return;
    }
    started.current = true;
    mutate(token);
  }, [token, mutate]);

  const state: State = !token || verify.isError ? "failed" : verify.isSuccess ? "success" : "pending";

  useEffect(() => {
    if (state !== "pending") {
      headingRef.current?.focus();
    }
  }, [state]);

  const heading =
    state === "success"
      ? t("verify.headingSuccess")
      : state === "failed"
        ? t("verify.headingFailed")
        : t("verify.headingPending");
  useDocumentTitle(state === "pending" ? t("verify.titlePending") : heading);

  const error = verify.isError ? asApiError(verify.error) : null;
  const canRetry = error !== null && TRANSIENT.has(error.code);
  const canResend = state === "failed" && !canRetry && me !== undefined && me !== null && !me.emailVerified;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {state === "pending" ? (
        <p role="status" className="loading">
          {t("app.loading")}
        </p>
      ) : null}
      {state === "success" ? (
        <>
          <p className="notice notice--success">{t("verify.success")}</p>
          <p>
            {me ? (
              <Link to="/">{t("verify.continue")}</Link>
            ) : (
              <Link to="/sign-in">{t("verify.toSignIn")}</Link>
            )}
          </p>
        </>
      ) : null}
      {state === "failed" ? (
        <>
          <p className="notice notice--error">{token ? errorMessage(t, error) : t("verify.missingToken")}</p>
          {canRetry && token ? (
            <p>
              <Button busy={verify.isPending} onClick={() => mutate(token)}>
                {t("app.retry")}
              </Button>
            </p>
          ) : null}
          {canResend ? (
            <>
              <p>
                <Button variant="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
                  {t("verify.requestNew")}
                </Button>
              </p>
              <StatusMessage message={resend.isSuccess ? t("verify.newLinkSent") : null} />
              <ActionError error={resend.error} />
            </>
          ) : null}
          {me === null ? (
            <p>
              {t("verify.signInForNew")} <Link to="/sign-in">{t("verify.toSignIn")}</Link>
            </p>
          ) : null}
          {me ? (
            <p>
              <Link to="/">{t("verify.continue")}</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
