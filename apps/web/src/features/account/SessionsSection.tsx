import type { SessionInfo } from "@ensemble/contracts/account";
import type { TFunction } from "i18next";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useRevokeSession, useSessions, useSignOutOthers } from "./account.queries.ts";

type Outcome = { kind: "revoked" } | { kind: "others"; count: number };

/** "Firefox unter Linux" in the reader's language, from what the user agent named. */
export function deviceLabel(t: TFunction, session: Pick<SessionInfo, "browser" | "os">): string {
  if (session.browser && session.os) {
    return t("settings.sessions.deviceOn", { browser: session.browser, os: session.os });
  }
  return session.browser ?? session.os ?? t("settings.sessions.unknownDevice");
}

/** This device first, then the most recently used. */
function byRelevance(a: SessionInfo, b: SessionInfo): number {
  if (a.current !== b.current) {
    return a.current ? -1 : 1;
  }
  return b.lastUsedAt.localeCompare(a.lastUsedAt);
}

/** Where I am signed in, with a way to end each other session or all of them. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const others = useSignOutOthers();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const language = currentLanguage();

  function end(id: string) {
    if (revoke.isPending) {
      return;
    }
    setOutcome(null);
    others.reset();
    revoke.mutate(id, {
      onSuccess: () => {
        setOutcome({ kind: "revoked" });
        // The button that had focus is gone with its row.
        headingRef.current?.focus();
      },
    });
  }

  function endOthers() {
    if (others.isPending) {
      return;
    }
    setOutcome(null);
    revoke.reset();
    others.mutate(undefined, {
      onSuccess: ({ ended }) => {
        setOutcome({ kind: "others", count: ended });
        headingRef.current?.focus();
      },
    });
  }

  const list = sessions.data ? [...sessions.data].sort(byRelevance) : [];
  const hasOthers = list.some((s) => !s.current);
  const failure = revoke.error ?? others.error;

  return (
    <CardSection title={t("settings.sessions.heading")} headingRef={headingRef}>
      <p>{t("settings.sessions.intro")}</p>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? (
        <LoadFailed
          message={t("settings.sessions.loadFailed")}
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
        />
      ) : null}
      {list.length > 0 ? (
        <ul className="session-list">
          {list.map((session) => {
            return (
              <li key={session.id} className="session">
                <div className="session__info">
                  <p className="session__device">
                    {deviceLabel(t, session)}
                    {session.current ? (
                      <span className="badge">{t("settings.sessions.thisDevice")}</span>
                    ) : null}
                  </p>
                  <p className="meta-row">
                    <span>
                      {t("settings.sessions.lastUsed", {
                        date: formatDateTime(session.lastUsedAt, language),
                      })}
                    </span>
                    <span>
                      {t("settings.sessions.signedInSince", {
                        date: formatDateTime(session.createdAt, language),
                      })}
                    </span>
                    {session.ip ? <span>{t("settings.sessions.ip", { ip: session.ip })}</span> : null}
                  </p>
                </div>
                {session.current ? null : (
                  <Button
                    variant="secondary"
                    busy={revoke.isPending && revoke.variables === session.id}
                    onClick={() => end(session.id)}
                  >
                    {t("settings.sessions.revoke")}
                    {/* one such button per device: the name says which */}
                    <span className="visually-hidden"> {deviceLabel(t, session)}</span>
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {hasOthers ? (
        <div className="form__actions">
          <Button variant="secondary" busy={others.isPending} onClick={endOthers}>
            {t("settings.sessions.signOutOthers")}
          </Button>
        </div>
      ) : null}
      <StatusMessage
        message={
          outcome?.kind === "others"
            ? t("settings.sessions.othersEnded", { count: outcome.count })
            : outcome?.kind === "revoked"
              ? t("settings.sessions.revoked")
              : null
        }
      />
      <ActionError error={failure} />
    </CardSection>
  );
}
