import type { Organisation, OrganisationMember, OrganisationRole } from "@ensemble/contracts/organisations";
import { type FormEvent, type RefObject, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { useForm } from "../../lib/forms.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { InviteMemberSection, PendingInvitationsSection } from "./OrganisationInvitationsSections.tsx";
import { useOrganisationOutlet, useOrganisationTitle } from "./OrganisationLayout.tsx";
import {
  useChangeMemberRole,
  useLeaveOrganisation,
  useOrganisationMembers,
  useRemoveMember,
  useTransferOwnership,
} from "./organisations.queries.ts";
import { assignableRoles, canRemoveMember, isLastOwner, transferCandidates } from "./organisations.rules.ts";

/** /organisations/:id/members: who belongs, invitations, ownership and leaving. */
export function OrganisationMembersPage() {
  const { t } = useTranslation();
  const organisation = useOrganisationOutlet();
  useOrganisationTitle(t("organisations.nav.members"), organisation);
  const members = useOrganisationMembers(organisation.id);
  const { abilities } = organisation;
  const membersHeadingRef = useRef<HTMLHeadingElement>(null);
  // after a transfer the transfer section goes (and with it its dialog and button)
  const focusMembersHeading = useFocusAfterRender(membersHeadingRef);
  const [transferred, setTransferred] = useState<string | null>(null);

  return (
    <>
      {/* outside the sections: the transfer section goes away once I am no longer the owner */}
      <StatusMessage message={transferred} />
      <MembersSection
        organisation={organisation}
        members={members.data}
        query={members}
        headingRef={membersHeadingRef}
      />
      {abilities.manageMembers ? (
        <>
          <InviteMemberSection organisation={organisation} />
          <PendingInvitationsSection organisation={organisation} />
        </>
      ) : null}
      {abilities.transferOwnership && members.data ? (
        <TransferOwnershipSection
          organisation={organisation}
          members={members.data}
          onTransferred={(name) => {
            setTransferred(t("organisations.transfer.done", { name }));
            focusMembersHeading();
          }}
        />
      ) : null}
      {abilities.leave && members.data ? (
        <LeaveSection organisation={organisation} members={members.data} />
      ) : null}
    </>
  );
}

interface MembersSectionProps {
  organisation: Organisation;
  members: OrganisationMember[] | undefined;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch(): unknown };
  headingRef: RefObject<HTMLHeadingElement | null>;
}

function MembersSection({ organisation, members, query, headingRef }: MembersSectionProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const changeRole = useChangeMemberRole(organisation.id);
  const remove = useRemoveMember(organisation.id);
  const focusHeading = useFocusAfterRender(headingRef);
  const [drafts, setDrafts] = useState<Record<string, OrganisationRole>>({});
  const [removing, setRemoving] = useState<OrganisationMember | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const manage = organisation.abilities.manageMembers;
  const myRole = organisation.myRole;
  const selectId = (userId: string) => `${baseId}-role-${userId}`;

  function saveRole(member: OrganisationMember, role: OrganisationRole) {
    if (changeRole.isPending) {
      return;
    }
    setStatus(null);
    setFailure(null);
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => {
          setDrafts(({ [member.userId]: _, ...rest }) => rest);
          setStatus(
            t("organisations.members.roleChanged", {
              name: member.displayName,
              role: t(`roles.organisation.${role}`),
            }),
          );
          // the save button is gone now that nothing is left to save
          document.getElementById(selectId(member.userId))?.focus();
        },
        onError: setFailure,
      },
    );
  }

  function confirmRemove() {
    if (!removing || remove.isPending) {
      return;
    }
    const member = removing;
    remove.mutate(member.userId, {
      onSuccess: () => {
        setRemoving(null);
        setStatus(t("organisations.members.removed", { name: member.displayName }));
        // the row (and the button that opened the dialog) is gone
        focusHeading();
      },
    });
  }

  return (
    <CardSection title={t("organisations.members.heading")} headingRef={headingRef}>
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <LoadFailed
          message={t("organisations.members.loadFailed")}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {members ? (
        <TableScroll name={t("organisations.members.heading")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("organisations.members.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.members.name")}</th>
                <th scope="col">{t("organisations.members.email")}</th>
                <th scope="col">{t("organisations.members.role")}</th>
                {manage ? <th scope="col">{t("organisations.members.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const roles = manage ? assignableRoles(myRole, member) : [];
                const draft = drafts[member.userId] ?? member.role;
                return (
                  <tr key={member.userId}>
                    <th scope="row">
                      {member.displayName}
                      {member.isMe ? " " : null}
                      {member.isMe ? <span className="you-badge">({t("organisations.you")})</span> : null}
                    </th>
                    <td>{member.email}</td>
                    <td>
                      {roles.length > 1 ? (
                        <div className="role-cell">
                          <label className="visually-hidden" htmlFor={selectId(member.userId)}>
                            {t("organisations.members.roleOf", { name: member.displayName })}
                          </label>
                          <select
                            id={selectId(member.userId)}
                            value={draft}
                            onChange={(event) => {
                              const role = roles.find((r) => r === event.target.value);
                              if (role) {
                                setDrafts((d) => ({ ...d, [member.userId]: role }));
                              }
                            }}
                          >
                            {roles.map((role) => (
                              <option key={role} value={role}>
                                {t(`roles.organisation.${role}`)}
                              </option>
                            ))}
                          </select>
                          {draft !== member.role ? (
                            <Button
                              variant="secondary"
                              className="button--small"
                              busy={changeRole.isPending && changeRole.variables?.userId === member.userId}
                              onClick={() => saveRole(member, draft)}
                            >
                              {t("organisations.members.saveRole")}
                              <span className="visually-hidden"> {member.displayName}</span>
                            </Button>
                          ) : null}
                        </div>
                      ) : (
                        t(`roles.organisation.${member.role}`)
                      )}
                    </td>
                    {manage ? (
                      <td>
                        {canRemoveMember(myRole, member) ? (
                          <Button
                            variant="danger"
                            onClick={() => {
                              setStatus(null);
                              setFailure(null);
                              remove.reset();
                              setRemoving(member);
                            }}
                          >
                            {t("organisations.members.remove")}
                            <span className="visually-hidden"> {member.displayName}</span>
                          </Button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <StatusMessage message={status} />
      <ActionError error={failure} />
      <ConfirmDialog
        open={removing !== null}
        title={t("organisations.members.removeConfirm", { name: removing?.displayName ?? "" })}
        confirmLabel={t("organisations.members.removeConfirmButton")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </CardSection>
  );
}

const TRANSFER_FIELDS = ["userId"] as const;

function TransferOwnershipSection({
  organisation,
  members,
  onTransferred,
}: {
  organisation: Organisation;
  members: OrganisationMember[];
  onTransferred(name: string): void;
}) {
  const { t } = useTranslation();
  const form = useForm(TRANSFER_FIELDS, { userId: "select" });
  const transfer = useTransferOwnership(organisation.id);
  const [userId, setUserId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const candidates = transferCandidates(members);
  const chosen = candidates.find((m) => m.userId === userId);

  if (candidates.length === 0) {
    return (
      <CardSection title={t("organisations.transfer.heading")}>
        <p>{t("organisations.transfer.intro")}</p>
        <p>{t("organisations.transfer.noCandidates")}</p>
      </CardSection>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // submitting only asks; the dialog's button does the work
    event.preventDefault();
    if (!chosen) {
      form.fail({ userId: "required" });
      return;
    }
    form.reset();
    transfer.reset();
    setConfirming(true);
  }

  async function confirmTransfer() {
    if (!chosen || transfer.isPending) {
      return;
    }
    const name = chosen.displayName;
    try {
      // not mutate's onSuccess: this section may be gone by then (I am no longer the owner)
      await transfer.mutateAsync({ userId: chosen.userId });
    } catch {
      return; // shown in the dialog
    }
    setConfirming(false);
    setUserId("");
    onTransferred(name);
  }

  return (
    <CardSection title={t("organisations.transfer.heading")}>
      <p>{t("organisations.transfer.intro")}</p>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={{ userId: t("organisations.transfer.member") }} />
        <SelectField
          id={form.ids.userId}
          label={t("organisations.transfer.member")}
          value={userId}
          onValueChange={setUserId}
          options={[
            { value: "", label: t("organisations.choose") },
            ...candidates.map((m) => ({
              value: m.userId,
              label: `${m.displayName} (${t(`roles.organisation.${m.role}`)})`,
            })),
          ]}
          error={form.errorFor("userId")}
        />
        <div className="form__actions">
          <Button type="submit" variant="danger">
            {t("organisations.transfer.submit")}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t("organisations.transfer.confirm", { name: chosen?.displayName ?? "" })}
        confirmLabel={t("organisations.transfer.confirmButton")}
        busy={transfer.isPending}
        error={transfer.error}
        onConfirm={() => void confirmTransfer()}
        onCancel={() => setConfirming(false)}
      />
    </CardSection>
  );
}

function LeaveSection({
  organisation,
  members,
}: {
  organisation: Organisation;
  members: OrganisationMember[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leave = useLeaveOrganisation(organisation.id);
  const [confirming, setConfirming] = useState(false);
  const lastOwner = isLastOwner(members);

  async function confirmLeave() {
    if (leave.isPending) {
      return;
    }
    try {
      await leave.mutateAsync();
    } catch {
      return; // shown in the dialog
    }
    navigate("/organisations", { state: { left: organisation.name } });
  }

  return (
    <CardSection title={t("organisations.leave.heading")} tone="danger">
      <p>{t("organisations.leave.intro")}</p>
      {lastOwner ? (
        <p className="notice notice--warning">{t("organisations.leave.lastOwner")}</p>
      ) : (
        <div className="form__actions">
          <Button
            variant="danger"
            onClick={() => {
              leave.reset();
              setConfirming(true);
            }}
          >
            {t("organisations.leave.submit")}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("organisations.leave.confirm", { name: organisation.name })}
        confirmLabel={t("organisations.leave.confirmButton")}
        busy={leave.isPending}
        error={leave.error}
        onConfirm={() => void confirmLeave()}
        onCancel={() => setConfirming(false)}
      />
    </CardSection>
  );
}
