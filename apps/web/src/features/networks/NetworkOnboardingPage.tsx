import type { Invitation } from "@ensemble/contracts/invitations";
import type { Network, Onboarding, OnboardingPartner } from "@ensemble/contracts/networks";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Avatar } from "../../components/Avatar.tsx";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { ChecklistSection } from "./ChecklistSection.tsx";
import { InvitePartnerSection } from "./InvitePartnerSection.tsx";
import { NotAllowed, useNetworkContext, useNetworkTitle } from "./NetworkLayout.tsx";
import {
  useOnboarding,
  useRemovePartner,
  useResendInvitation,
  useRevokeInvitation,
  useSetCheck,
} from "./networks.queries.ts";

/** /networks/:id/onboarding: partners and their onboarding state, invitations, the checklist. */
export function NetworkOnboardingPage() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  useNetworkTitle(t("networks.tabs.onboarding"));
  const allowed = network.abilities.readOnboarding;
  const onboarding = useOnboarding(network.id, allowed);

  if (!allowed) {
    return <NotAllowed heading={t("networks.onboarding.heading")} />;
  }
  return (
    <>
      {onboarding.isPending ? <Loading /> : null}
      {onboarding.isError ? (
        <LoadFailed error={onboarding.error} onRetry={() => void onboarding.refetch()} />
      ) : null}
      {onboarding.data ? (
        <>
          <PartnersSection network={network} data={onboarding.data} />
          {network.abilities.invitePartners ? (
            <>
              <InvitationsSection network={network} invitations={onboarding.data.invitations} />
              <InvitePartnerSection network={network} data={onboarding.data} />
            </>
          ) : null}
          {network.abilities.manageChecklist ? (
            <ChecklistSection network={network} checklist={onboarding.data.checklist} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

type Outcome =
  | { kind: "checked" | "unchecked"; item: string; partner: string }
  | { kind: "removed"; partner: string };

function PartnersSection({ network, data }: { network: Network; data: Onboarding }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const setCheck = useSetCheck(network.id);
  const remove = useRemovePartner(network.id);
  const [removing, setRemoving] = useState<OnboardingPartner | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const canTick = network.abilities.manageChecklist;
  const canRemove = network.abilities.removePartners;
  const yesNo = (value: boolean) => (value ? t("networks.yes") : t("networks.no"));

  // Ticks shown at once, until the server's answer is in (a controlled checkbox would flip back).
  const [ahead, setAhead] = useState<ReadonlyMap<string, { done: boolean; seq: number }>>(new Map());
  const seq = useRef(0);

  function toggle(partner: OnboardingPartner, itemId: string, item: string, done: boolean) {
    const key = `${partner.organisation.id}/${itemId}`;
    const mine = ++seq.current;
    setOutcome(null);
    setAhead((m) => new Map(m).set(key, { done, seq: mine }));
    setCheck.mutate(
      { organisationId: partner.organisation.id, itemId, done },
      {
        onSuccess: () =>
          setOutcome({ kind: done ? "checked" : "unchecked", item, partner: partner.organisation.name }),
        onSettled: () =>
          setAhead((m) => {
            if (m.get(key)?.seq !== mine) {
              return m; // a later click on the same box is still on its way
            }
            const next = new Map(m);
            next.delete(key);
            return next;
          }),
      },
    );
  }

  async function confirmRemove() {
    if (!removing || remove.isPending) {
      return;
    }
    try {
      // I stay in the network: the coordinator (mine) is never removed.
      await remove.mutateAsync({ organisationId: removing.organisation.id, stillMember: true });
    } catch {
      return; // shown in the dialog
    }
    setOutcome({ kind: "removed", partner: removing.organisation.name });
    setRemoving(null);
  }

  const message =
    outcome === null
      ? null
      : outcome.kind === "removed"
        ? t("networks.onboarding.partners.removed", { partner: outcome.partner })
        : t(`networks.onboarding.partners.${outcome.kind}`, { item: outcome.item, partner: outcome.partner });

  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("networks.onboarding.partners.heading")}
      </h2>
      <TableScroll className="nw-table-scroll" name={t("networks.onboarding.partners.heading")}>
        <table className="nw-data-table">
          <caption className="visually-hidden">{t("networks.onboarding.partners.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("networks.onboarding.partners.organisation")}</th>
              <th scope="col">{t("networks.onboarding.partners.joined")}</th>
              <th scope="col">{t("networks.onboarding.partners.profileComplete")}</th>
              <th scope="col">{t("networks.onboarding.partners.firstProject")}</th>
              {data.checklist.map((item) => (
                <th scope="col" key={item.id}>
                  {item.label}
                </th>
              ))}
              {canRemove ? <th scope="col">{t("networks.onboarding.partners.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.partners.map((partner) => {
              const nameId = `${headingId}-${partner.organisation.id}`;
              return (
                <tr key={partner.organisation.id}>
                  <th scope="row">
                    <span className="nw-org-cell">
                      <Avatar
                        name={partner.organisation.name}
                        color={partner.organisation.avatarColor}
                        size="small"
                      />
                      <span>
                        <span id={nameId}>{partner.organisation.name}</span>
                        {partner.isCoordinator ? (
                          <span className="badge">{t("networks.onboarding.partners.coordinator")}</span>
                        ) : null}
                      </span>
                    </span>
                  </th>
                  <td>{formatDate(partner.joinedAt, language)}</td>
                  <td>
                    <YesNo value={partner.profileComplete} label={yesNo(partner.profileComplete)} />
                  </td>
                  <td>
                    <YesNo value={partner.firstProjectJoined} label={yesNo(partner.firstProjectJoined)} />
                  </td>
                  {data.checklist.map((item) => {
                    const done =
                      ahead.get(`${partner.organisation.id}/${item.id}`)?.done ??
                      partner.checks.find((c) => c.itemId === item.id)?.done ??
                      false;
                    if (!canTick) {
                      return (
                        <td key={item.id}>
                          <YesNo value={done} label={yesNo(done)} />
                        </td>
                      );
                    }
                    return (
                      <td key={item.id} className="nw-data-table__check">
                        <input
                          type="checkbox"
                          checked={done}
                          aria-label={t("networks.onboarding.partners.check", {
                            item: item.label,
                            partner: partner.organisation.name,
                          })}
                          onChange={(event) =>
                            toggle(partner, item.id, item.label, event.currentTarget.checked)
                          }
                        />
                      </td>
                    );
                  })}
                  {canRemove ? (
                    <td>
                      {partner.isCoordinator ? null : (
                        <Button
                          variant="secondary"
                          onClick={() => {
                            setOutcome(null);
                            remove.reset();
                            setRemoving(partner);
                          }}
                        >
                          {t("networks.onboarding.partners.remove")}
                          <span className="visually-hidden"> {partner.organisation.name}</span>
                        </Button>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <StatusMessage message={message} />
      <ActionError error={setCheck.error} />
      <ConfirmDialog
        open={removing !== null}
        title={t("networks.onboarding.partners.removeTitle")}
        confirmLabel={t("networks.onboarding.partners.removeConfirm")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
        fallbackFocus={headingRef}
      >
        <p>
          {t("networks.onboarding.partners.removeText", {
            partner: removing?.organisation.name ?? "",
            network: network.name,
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** "Ja"/"Nein" with a mark that is not only colour. */
function YesNo({ value, label }: { value: boolean; label: string }) {
  return (
    <span className={value ? "nw-yes-no nw-yes-no--yes" : "nw-yes-no nw-yes-no--no"}>
      <span aria-hidden="true">{value ? "✓ " : "– "}</span>
      {label}
    </span>
  );
}

/** Who an invitation went to: the invited organisation, or the address. */
export function recipientOf(invitation: Invitation): string {
  return invitation.invitedOrganisation?.name ?? invitation.email;
}

function InvitationsSection({ network, invitations }: { network: Network; invitations: Invitation[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const resend = useResendInvitation(network.id);
  const revoke = useRevokeInvitation(network.id);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [outcome, setOutcome] = useState<{ kind: "resent" | "revoked"; recipient: string } | null>(null);

  function onResend(invitation: Invitation) {
    if (resend.isPending) {
      return;
    }
    setOutcome(null);
    revoke.reset();
    resend.mutate(invitation.id, {
      onSuccess: () => setOutcome({ kind: "resent", recipient: recipientOf(invitation) }),
    });
  }

  async function confirmRevoke() {
    if (!revoking || revoke.isPending) {
      return;
    }
    try {
      await revoke.mutateAsync(revoking.id);
    } catch {
      return; // shown in the dialog
    }
    setOutcome({ kind: "revoked", recipient: recipientOf(revoking) });
    setRevoking(null);
  }

  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("networks.onboarding.invitations.heading")}
      </h2>
      {invitations.length === 0 ? (
        <p>{t("networks.onboarding.invitations.empty")}</p>
      ) : (
        <TableScroll className="nw-table-scroll" name={t("networks.onboarding.invitations.heading")}>
          <table className="nw-data-table">
            <caption className="visually-hidden">{t("networks.onboarding.invitations.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("networks.onboarding.invitations.recipient")}</th>
                <th scope="col">{t("networks.onboarding.invitations.state")}</th>
                <th scope="col">{t("networks.onboarding.invitations.expires")}</th>
                <th scope="col">{t("networks.onboarding.invitations.invitedBy")}</th>
                <th scope="col">{t("networks.onboarding.invitations.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => {
                const recipientId = `${headingId}-${invitation.id}`;
                return (
                  <tr key={invitation.id}>
                    <th scope="row" id={recipientId}>
                      {recipientOf(invitation)}
                    </th>
                    <td>{t(`invitations.states.${invitation.state}`)}</td>
                    <td>{formatDateTime(invitation.expiresAt, language)}</td>
                    <td>{invitation.invitedBy}</td>
                    <td>
                      <span className="nw-row-actions">
                        <Button
                          variant="secondary"
                          busy={resend.isPending && resend.variables === invitation.id}
                          onClick={() => onResend(invitation)}
                        >
                          {t("networks.onboarding.invitations.resend")}
                          <span className="visually-hidden"> {recipientOf(invitation)}</span>
                        </Button>
                        <Button
                          variant="secondary"
                          onClick={() => {
                            setOutcome(null);
                            resend.reset();
                            revoke.reset();
                            setRevoking(invitation);
                          }}
                        >
                          {t("networks.onboarding.invitations.revoke")}
                          <span className="visually-hidden"> {recipientOf(invitation)}</span>
                        </Button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <StatusMessage
        message={
          outcome
            ? t(`networks.onboarding.invitations.${outcome.kind}`, { recipient: outcome.recipient })
            : null
        }
      />
      <ActionError error={resend.error} />
      <ConfirmDialog
        open={revoking !== null}
        title={t("networks.onboarding.invitations.revokeTitle")}
        confirmLabel={t("networks.onboarding.invitations.revokeConfirm")}
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(null)}
        fallbackFocus={headingRef}
      >
        <p>
          {t("networks.onboarding.invitations.revokeText", {
            recipient: revoking ? recipientOf(revoking) : "",
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
