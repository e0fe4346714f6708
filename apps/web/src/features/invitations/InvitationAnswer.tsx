import type { ReceivedInvitation } from "@ensemble/contracts/invitations";
import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { errorMessage } from "../../lib/errors.ts";
import { useForm } from "../../lib/forms.ts";
import { roleName } from "../../lib/roles.ts";
import { useOrganisations } from "../organisations/organisations.queries.ts";
import "./invitations.css";

/** The sentence that says who invites whom into what. */
export function invitationSentence(t: TFunction, invitation: ReceivedInvitation): string {
  const values = { inviter: invitation.invitedBy, target: invitation.target.name };
  switch (invitation.kind) {
    case "organisation":
      return t("invitations.describe.organisation", values);
    case "project":
      return t("invitations.describe.project", values);
    case "network":
      return invitation.invitedOrganisation
        ? t("invitations.describe.networkFor", {
            ...values,
            organisation: invitation.invitedOrganisation.name,
          })
        : t("invitations.describe.network", values);
  }
}

/** Who invites whom into what, with role, coordinator and expiry. */
export function InvitationDescription({
  invitation,
  showEmail = false,
}: {
  invitation: ReceivedInvitation;
  showEmail?: boolean;
}) {
  const { t } = useTranslation();
  const role = roleName(t, invitation.role);
  return (
    <div className="invitation__description">
      <p className="invitation__sentence">{invitationSentence(t, invitation)}</p>
      <ul className="invitation__facts">
        {role && invitation.kind !== "network" ? <li>{t("invitations.describe.role", { role })}</li> : null}
        {invitation.coordinatorName ? (
          <li>{t("invitations.describe.coordinator", { name: invitation.coordinatorName })}</li>
        ) : null}
        {showEmail && invitation.email ? (
          <li>{t("invitations.describe.email", { email: invitation.email })}</li>
        ) : null}
        <li>
          {t("invitations.describe.expires", {
            date: formatDateTime(invitation.expiresAt, currentLanguage()),
          })}
        </li>
      </ul>
    </div>
  );
}

const FIELDS = ["organisationId"] as const;

interface InvitationAnswerProps {
  invitation: ReceivedInvitation;
  /** The organisation that answers a network invitation, when it is already decided. */
  fixedOrganisationId?: string | undefined;
  /** Where "create an organisation first" comes back to. */
  returnTo: string;
  /** Accepts (with the joining organisation for network invitations); rejects on failure. */
  onAccept(organisationId: string | undefined): Promise<unknown>;
  /** Declines; rejects on failure. */
  onDecline(): Promise<unknown>;
  /** Read after the buttons' labels where several invitations are listed (e.g. the target's name). */
  context?: string | undefined;
}

/**
 * Accept and decline for one invitation. A network invitation to no particular organisation asks
 * which of the organisations I administer joins (or links to creating one first).
 */
export function InvitationAnswer({
  invitation,
  fixedOrganisationId,
  returnTo,
  onAccept,
  onDecline,
  context,
}: InvitationAnswerProps) {
  const { t } = useTranslation();
  const form = useForm(FIELDS, { organisationId: "select" });
  const fixed = fixedOrganisationId ?? invitation.invitedOrganisation?.id;
  const needsPicker = invitation.kind === "network" && fixed === undefined;
  const organisations = useOrganisations();
  const administered = (organisations.data ?? []).filter((o) => o.myRole === "owner" || o.myRole === "admin");
  const [chosen, setChosen] = useState("");
  const [confirmingDecline, setConfirmingDecline] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [declineError, setDeclineError] = useState<unknown>(null);
  // with a single organisation to choose there is nothing to ask
  const organisationId = needsPicker
    ? chosen || (administered.length === 1 ? (administered[0]?.id ?? "") : "")
    : fixed;
  const createHref = `/organisations/new?next=${encodeURIComponent(returnTo)}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      if (needsPicker && !organisationId) {
        form.fail({ organisationId: "required" });
        return;
      }
      await onAccept(organisationId || undefined);
    });
  }

  async function decline() {
    if (declining) {
      return;
    }
    setDeclineError(null);
    setDeclining(true);
    try {
      await onDecline();
      setConfirmingDecline(false);
    } catch (error) {
      setDeclineError(error);
    } finally {
      setDeclining(false);
    }
  }

  if (needsPicker && organisations.isPending) {
    return <Loading />;
  }
  const canAccept = !needsPicker || administered.length > 0;
  return (
    <form ref={form.formRef} className="form invitation__answer" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ organisationId: t("invitations.picker.label") }} />
      {needsPicker && organisations.isError ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(t, organisations.error)}
        </p>
      ) : null}
      {needsPicker && organisations.data && administered.length === 0 ? (
        <p className="notice notice--warning">{t("invitations.picker.none")}</p>
      ) : null}
      {needsPicker && administered.length > 0 ? (
        <SelectField
          id={form.ids.organisationId}
          label={t("invitations.picker.label")}
          hint={t("invitations.picker.hint")}
          required
          value={organisationId ?? ""}
          onValueChange={setChosen}
          options={[
            ...(administered.length > 1 ? [{ value: "", label: t("organisations.choose") }] : []),
            ...administered.map((o) => ({ value: o.id, label: o.name })),
          ]}
          error={form.errorFor("organisationId")}
        />
      ) : null}
      <div className="form__actions">
        {canAccept ? (
          <Button type="submit" busy={form.busy}>
            {t("invitations.accept")}
            {context ? <span className="visually-hidden"> {context}</span> : null}
          </Button>
        ) : null}
        {needsPicker ? <Link to={createHref}>{t("invitations.picker.create")}</Link> : null}
        <Button
          variant="secondary"
          onClick={() => {
            form.reset();
            setDeclineError(null);
            setConfirmingDecline(true);
          }}
        >
          {t("invitations.decline")}
          {context ? <span className="visually-hidden"> {context}</span> : null}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmingDecline}
        title={t("invitations.declineConfirm")}
        confirmLabel={t("invitations.declineConfirmButton")}
        busy={declining}
        error={declineError}
        onConfirm={() => void decline()}
        onCancel={() => setConfirmingDecline(false)}
      >
        <p>{invitationSentence(t, invitation)}</p>
      </ConfirmDialog>
    </form>
  );
}
