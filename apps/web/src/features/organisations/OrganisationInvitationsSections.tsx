import type { Invitation } from "@ensemble/contracts/invitations";
import {
  InvitableOrganisationRole,
  InviteOrganisationMemberInput,
  type Organisation,
} from "@ensemble/contracts/organisations";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { NoValue } from "../../components/NoValue.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { roleName } from "../../lib/roles.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { InviteByEmailForm } from "../invitations/InviteByEmailForm.tsx";
import {
  useInviteMember,
  useOrganisationInvitations,
  useResendInvitation,
  useRevokeInvitation,
} from "./organisations.queries.ts";

/** Invite someone by email as admin or member (admins and owners). */
export function InviteMemberSection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const invite = useInviteMember(organisation.id);
  return (
    <CardSection title={t("organisations.invite.heading")}>
      <p>{t("organisations.invite.intro")}</p>
      <InviteByEmailForm
        schema={InviteOrganisationMemberInput}
        invite={(input) => invite.mutateAsync(input)}
        roles={InvitableOrganisationRole.options.map((r) => ({
          value: r,
          label: t(`roles.organisation.${r}`),
        }))}
        defaultRole="member"
        labels={{
          email: t("organisations.invite.email"),
          role: t("organisations.invite.role"),
          submit: t("organisations.invite.submit"),
        }}
        sentMessage={(email) => t("organisations.invite.sent", { email })}
      />
    </CardSection>
  );
}

/** Pending (and expired or declined) invitations, to send again or revoke. */
export function PendingInvitationsSection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const invitations = useOrganisationInvitations(organisation.id);
  const resend = useResendInvitation(organisation.id);
  const revoke = useRevokeInvitation(organisation.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const language = currentLanguage();

  function onResend(invitation: Invitation) {
    if (resend.isPending) {
      return;
    }
    setStatus(null);
    setFailure(null);
    resend.mutate(invitation.id, {
      onSuccess: () => setStatus(t("organisations.invitations.resent", { email: invitation.email })),
      onError: setFailure,
    });
  }

  function confirmRevoke() {
    if (!revoking || revoke.isPending) {
      return;
    }
    const invitation = revoking;
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        setRevoking(null);
        setStatus(t("organisations.invitations.revoked", { email: invitation.email }));
        // the row and its buttons are gone
        focusHeading();
      },
    });
  }

  const list = invitations.data ?? [];
  return (
    <CardSection title={t("organisations.invitations.heading")} headingRef={headingRef}>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? (
        <LoadFailed
          message={t("organisations.invitations.loadFailed")}
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
        />
      ) : null}
      {invitations.data && list.length === 0 ? <p>{t("organisations.invitations.empty")}</p> : null}
      {list.length > 0 ? (
        <TableScroll name={t("organisations.invitations.heading")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("organisations.invitations.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.invitations.email")}</th>
                <th scope="col">{t("organisations.invitations.role")}</th>
                <th scope="col">{t("organisations.invitations.invitedBy")}</th>
                <th scope="col">{t("organisations.invitations.expires")}</th>
                <th scope="col">{t("organisations.invitations.state")}</th>
                <th scope="col">{t("organisations.invitations.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{roleName(t, invitation.role) ?? <NoValue />}</td>
                  <td>{invitation.invitedBy}</td>
                  <td className="data-table__nowrap">{formatDateTime(invitation.expiresAt, language)}</td>
                  <td>{t(`invitations.states.${invitation.state}`)}</td>
                  <td>
                    <div className="row-actions">
                      <Button
                        variant="secondary"
                        className="button--small"
                        busy={resend.isPending && resend.variables === invitation.id}
                        onClick={() => onResend(invitation)}
                      >
                        {t("organisations.invitations.resend")}
                        <span className="visually-hidden"> {invitation.email}</span>
                      </Button>
                      <Button
                        variant="danger"
                        className="button--small"
                        onClick={() => {
                          setStatus(null);
                          setFailure(null);
                          revoke.reset();
                          setRevoking(invitation);
                        }}
                      >
                        {t("organisations.invitations.revoke")}
                        <span className="visually-hidden"> {invitation.email}</span>
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <StatusMessage message={status} />
      <ActionError error={failure} />
      <ConfirmDialog
        open={revoking !== null}
        title={t("organisations.invitations.revokeConfirm", { email: revoking?.email ?? "" })}
        confirmLabel={t("organisations.invitations.revokeConfirmButton")}
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      />
    </CardSection>
  );
}
