import type { Invitation } from "@ensemble/contracts/invitations";
import {
  InviteProjectMemberInput,
  type Project,
  type ProjectMember,
  ProjectRole,
} from "@ensemble/contracts/projects";
import type { TFunction } from "i18next";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { InviteByEmailForm } from "../invitations/InviteByEmailForm.tsx";
import { useProjectContext, useProjectTitle } from "./ProjectLayout.tsx";
import { MemberOrganisations } from "./ProjectOverviewPage.tsx";
import { isProjectRole, roleLabel } from "./projects.format.ts";
import type { ProjectsNotice } from "./projects.notice.ts";
import {
  useChangeMemberRole,
  useInviteMember,
  useLeaveProject,
  useProjectInvitations,
  useProjectMembers,
  useRemoveMember,
  useRevokeInvitation,
} from "./projects.queries.ts";
import "./projects.css";

/** /projects/:id/members: who is in the project; leads manage roles and invitations. */
export function ProjectMembersPage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  useProjectTitle(t("projects.project.tabs.members"), project);
  const manage = project.abilities.manageMembers;
  return (
    <>
      <MembersSection project={project} />
      {manage ? <InviteSection project={project} /> : null}
      {manage ? <InvitationsSection project={project} /> : null}
      {project.abilities.leave ? <LeaveSection project={project} /> : null}
    </>
  );
}

function MembersSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const members = useProjectMembers(project.id);
  const change = useChangeMemberRole(project.id);
  const remove = useRemoveMember(project.id);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const [drafts, setDrafts] = useState<Record<string, ProjectRole>>({});
  const [removing, setRemoving] = useState<ProjectMember | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const manage = project.abilities.manageMembers;

  function saveRole(member: ProjectMember) {
    const role = drafts[member.userId];
    if (!role || change.isPending) {
      return;
    }
    setMessage(null);
    remove.reset();
    change.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => {
          setDrafts(({ [member.userId]: _, ...rest }) => rest);
          setMessage(
            t("projects.members.roleChanged", { name: member.displayName, role: roleLabel(t, role) }),
          );
        },
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
        setMessage(t("projects.members.removed", { name: member.displayName }));
        // The row goes, and with it the button the dialog would give focus back to.
        focusHeading();
      },
    });
  }

  return (
    <section className="project-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("projects.members.heading")}
      </h2>
      {members.isPending ? <Loading /> : null}
      {members.isError ? (
        <LoadFailed
          message={t("projects.overview.membersLoadFailed")}
          error={members.error}
          onRetry={() => void members.refetch()}
        />
      ) : null}
      {members.data ? (
        <TableScroll name={t("projects.members.heading")}>
          <table className="data-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t("projects.members.name")}</th>
                <th scope="col">{t("projects.members.organisations")}</th>
                <th scope="col">{t("projects.members.role")}</th>
                {manage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("projects.members.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => {
                const draft = drafts[member.userId] ?? member.role;
                const selectId = `${headingId}-role-${member.userId}`;
                return (
                  <tr key={member.userId}>
                    <th scope="row">
                      {member.displayName}
                      {member.isMe ? ` ${t("projects.overview.you")}` : null}
                      <span className="members-table__email">{member.email}</span>
                    </th>
                    <td>
                      <MemberOrganisations member={member} />
                    </td>
                    <td>
                      {manage ? (
                        <div className="role-cell">
                          <label className="visually-hidden" htmlFor={selectId}>
                            {t("projects.members.roleOf", { name: member.displayName })}
                          </label>
                          <select
                            id={selectId}
                            value={draft}
                            onChange={(event) => {
                              const value = event.target.value;
                              if (isProjectRole(value)) {
                                setDrafts((d) => ({ ...d, [member.userId]: value }));
                              }
                            }}
                          >
                            {ProjectRole.options.map((role) => (
                              <option key={role} value={role}>
                                {roleLabel(t, role)}
                              </option>
                            ))}
                          </select>
                          {draft === member.role ? null : (
                            <Button
                              variant="secondary"
                              className="button--small"
                              busy={change.isPending && change.variables?.userId === member.userId}
                              onClick={() => saveRole(member)}
                            >
                              <span aria-hidden="true">{t("projects.members.saveRole")}</span>
                              <span className="visually-hidden">
                                {t("projects.members.saveRoleOf", { name: member.displayName })}
                              </span>
                            </Button>
                          )}
                        </div>
                      ) : (
                        roleLabel(t, member.role)
                      )}
                    </td>
                    {manage ? (
                      <td>
                        {member.isMe ? null : (
                          <Button
                            variant="secondary"
                            className="button--small"
                            onClick={() => {
                              setMessage(null);
                              remove.reset();
                              change.reset();
                              setRemoving(member);
                            }}
                          >
                            <span aria-hidden="true">{t("projects.members.remove")}</span>
                            <span className="visually-hidden">
                              {t("projects.members.removeNamed", { name: member.displayName })}
                            </span>
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
      ) : null}
      <ActionError error={change.error} />
      <StatusMessage message={message} />
      <ConfirmDialog
        open={removing !== null}
        title={t("projects.members.removeTitle", { name: removing?.displayName ?? "" })}
        confirmLabel={t("projects.members.remove")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={confirmRemove}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <p>{t("projects.members.removeText", { name: removing?.displayName ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}

function InviteSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const invite = useInviteMember(project.id);
  return (
    <CardSection title={t("projects.members.inviteHeading")} className="project-section">
      <p>{t("projects.members.inviteIntro")}</p>
      <InviteByEmailForm
        schema={InviteProjectMemberInput}
        invite={(input) => invite.mutateAsync(input)}
        roles={ProjectRole.options.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        defaultRole="editor"
        labels={{
          email: t("projects.members.email"),
          role: t("projects.members.inviteRole"),
          roleHint: t("projects.roles.hint"),
          submit: t("projects.members.invite"),
        }}
        sentMessage={(email) => t("projects.members.invited", { email })}
      />
    </CardSection>
  );
}

function invitationState(t: TFunction, invitation: Invitation): string | null {
  switch (invitation.state) {
    case "expired":
      return t("projects.members.expired");
    case "declined":
      return t("projects.members.declined");
    default:
      return null;
  }
}

function InvitationsSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const invitations = useProjectInvitations(project.id, true);
  const revoke = useRevokeInvitation(project.id);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const language = currentLanguage();

  function confirmRevoke() {
    if (!revoking || revoke.isPending) {
      return;
    }
    const invitation = revoking;
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        setRevoking(null);
        setMessage(t("projects.members.revoked", { email: invitation.email }));
        focusHeading();
      },
    });
  }

  return (
    <section className="project-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("projects.members.invitationsHeading")}
      </h2>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? (
        <LoadFailed
          message={t("projects.members.invitationsLoadFailed")}
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
        />
      ) : null}
      {invitations.data?.length === 0 ? <p className="muted">{t("projects.members.noInvitations")}</p> : null}
      {invitations.data && invitations.data.length > 0 ? (
        <ul className="invitation-list">
          {invitations.data.map((invitation) => {
            const state = invitationState(t, invitation);
            return (
              <li key={invitation.id}>
                <div>
                  <p className="member-list__name">{invitation.email}</p>
                  <p className="meta-row">
                    {invitation.role && isProjectRole(invitation.role) ? (
                      <span>{roleLabel(t, invitation.role)}</span>
                    ) : null}
                    <span>{t("projects.members.invitedBy", { name: invitation.invitedBy })}</span>
                    <span>
                      {state ??
                        t("projects.members.expiresAt", {
                          date: formatDateTime(invitation.expiresAt, language),
                        })}
                    </span>
                  </p>
                </div>
                <Button
                  variant="secondary"
                  className="button--small"
                  onClick={() => {
                    revoke.reset();
                    setRevoking(invitation);
                  }}
                >
                  <span aria-hidden="true">{t("projects.members.revoke")}</span>
                  <span className="visually-hidden">
                    {t("projects.members.revokeNamed", { email: invitation.email })}
                  </span>
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <StatusMessage message={message} />
      <ConfirmDialog
        open={revoking !== null}
        title={t("projects.members.revokeTitle", { email: revoking?.email ?? "" })}
        confirmLabel={t("projects.members.revoke")}
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        <p>{t("projects.members.revokeText")}</p>
      </ConfirmDialog>
    </section>
  );
}

function LeaveSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const members = useProjectMembers(project.id);
  const leave = useLeaveProject(project.id);
  const [confirming, setConfirming] = useState(false);
  const me = members.data?.find((m) => m.isMe);
  if (!me) {
    return null;
  }
  const myUserId = me.userId;

  function confirmLeave() {
    if (leave.isPending) {
      return;
    }
    leave.mutate(myUserId, {
      onSuccess: () => {
        const notice: ProjectsNotice = { kind: "left", name: project.name };
        navigate("/projects", { state: { projectsNotice: notice } });
      },
    });
  }

  return (
    <CardSection title={t("projects.members.leaveHeading")} tone="danger" className="project-section">
      <p>{t("projects.members.leaveText")}</p>
      <div className="form__actions">
        <Button
          variant="danger"
          onClick={() => {
            leave.reset();
            setConfirming(true);
          }}
        >
          {t("projects.members.leave")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("projects.members.leaveTitle", { name: project.name })}
        confirmLabel={t("projects.members.leaveConfirm")}
        busy={leave.isPending}
        error={leave.error}
        onConfirm={confirmLeave}
        onCancel={() => {
          setConfirming(false);
          leave.reset();
        }}
      >
        <p>{t("projects.members.leaveText")}</p>
      </ConfirmDialog>
    </CardSection>
  );
}
