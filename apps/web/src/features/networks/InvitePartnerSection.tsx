import type { Network, Onboarding } from "@ensemble/contracts/networks";
import { InvitePartnerInput } from "@ensemble/contracts/networks";
import { OrganisationSearchQuery } from "@ensemble/contracts/organisations";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Avatar } from "../../components/Avatar.tsx";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { EmailField, TextField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useInvitePartner, useOrganisationSearch } from "./networks.queries.ts";

type Mode = "organisation" | "email";

/** Invite a partner: an organisation found by name, or the future admin of one by email. */
export function InvitePartnerSection({ network, data }: { network: Network; data: Onboarding }) {
  const { t } = useTranslation();
  const headingId = useId();
  const modeName = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [mode, setMode] = useState<Mode>("organisation");
  const [sentTo, setSentTo] = useState<string | null>(null);

  return (
    <section className="nw-section card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("networks.onboarding.invite.heading")}
      </h2>
      <fieldset className="field choice-group">
        <legend className="field__label">{t("networks.onboarding.invite.mode")}</legend>
        {(["organisation", "email"] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name={modeName}
              value={m}
              checked={mode === m}
              onChange={() => {
                setSentTo(null);
                setMode(m);
              }}
            />
            <span>
              {m === "organisation"
                ? t("networks.onboarding.invite.modeOrganisation")
                : t("networks.onboarding.invite.modeEmail")}
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "organisation" ? (
        <OrganisationInvite network={network} data={data} onSent={setSentTo} />
      ) : (
        <EmailInvite network={network} onSent={setSentTo} />
      )}
      <StatusMessage message={sentTo ? t("networks.onboarding.invite.sent", { recipient: sentTo }) : null} />
    </section>
  );
}

const SEARCH_FIELDS = ["q"] as const;

function OrganisationInvite({
  network,
  data,
  onSent,
}: {
  network: Network;
  data: Onboarding;
  onSent(recipient: string | null): void;
}) {
  const { t } = useTranslation();
  const form = useForm(SEARCH_FIELDS);
  const resultsId = useId();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  // the organisation just invited: its row's "already invited" note takes focus once it shows
  const [justInvited, setJustInvited] = useState<string | null>(null);
  const search = useOrganisationSearch(q);
  const invite = useInvitePartner(network.id);
  const partners = new Set(data.partners.map((p) => p.organisation.id));
  const invited = new Set(
    data.invitations
      .filter((i) => i.state === "pending" && i.invitedOrganisation !== null)
      .map((i) => i.invitedOrganisation?.id),
  );

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSent(null);
    invite.reset();
    void form.submit(async () => {
      const checked = validate(OrganisationSearchQuery, { q: draft }, SEARCH_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      setQ(checked.data.q);
    });
  }

  function onInvite(organisation: { id: string; name: string }) {
    if (invite.isPending) {
      return;
    }
    onSent(null);
    invite.mutate(
      { organisationId: organisation.id },
      {
        onSuccess: () => {
          onSent(organisation.name);
          // The button turns into "already invited": focus moves to that note, in the same row.
          setJustInvited(organisation.id);
        },
      },
    );
  }

  const results = search.data;
  return (
    <>
      <search>
        <form ref={form.formRef} className="form nw-search-form" noValidate onSubmit={onSearch}>
          <FormErrorSummary form={form} labels={{ q: t("networks.onboarding.invite.search") }} />
          <div className="nw-search-form__row">
            <TextField
              id={form.ids.q}
              type="search"
              label={t("networks.onboarding.invite.search")}
              hint={t("networks.onboarding.invite.searchHint")}
              autoComplete="off"
              value={draft}
              onValueChange={setDraft}
              error={form.errorFor("q")}
            />
            <Button type="submit" variant="secondary" busy={search.isFetching}>
              {t("networks.onboarding.invite.searchSubmit")}
            </Button>
          </div>
        </form>
      </search>
      <div role="status" className="status-region">
        {results ? (
          <p>
            {results.length === 0
              ? t("networks.onboarding.invite.noResults")
              : t("networks.onboarding.invite.results", { count: results.length })}
          </p>
        ) : null}
      </div>
      {search.isFetching && !results ? <Loading /> : null}
      <ActionError error={search.error} />
      {results && results.length > 0 ? (
        <ul className="nw-result-list" aria-label={t("networks.onboarding.invite.resultsLabel")}>
          {results.map((o) => {
            const nameId = `${resultsId}-${o.id}`;
            return (
              <li key={o.id} className="nw-result-list__item">
                <Avatar name={o.name} color={o.avatarColor} />
                <div className="nw-result-list__text">
                  <p className="nw-result-list__name" id={nameId}>
                    {o.name}
                  </p>
                  <p className="nw-result-list__meta">
                    {t(`organisation.kinds.${o.kind}`)}
                    {o.district ? (
                      <>
                        {" "}
                        <span aria-hidden="true">·</span> {o.district}
                      </>
                    ) : null}
                  </p>
                </div>
                {partners.has(o.id) ? (
                  <span className="nw-result-list__state">
                    {t("networks.onboarding.invite.alreadyPartner")}
                  </span>
                ) : invited.has(o.id) ? (
                  <span
                    className="nw-result-list__state"
                    tabIndex={-1}
                    ref={(el) => {
                      if (el && o.id === justInvited) {
                        el.focus();
                        setJustInvited(null);
                      }
                    }}
                  >
                    {t("networks.onboarding.invite.alreadyInvited")}
                  </span>
                ) : (
                  <Button
                    variant="secondary"
                    busy={invite.isPending && invite.variables?.organisationId === o.id}
                    onClick={() => onInvite(o)}
                  >
                    {t("networks.onboarding.invite.invite")}
                    <span className="visually-hidden"> {o.name}</span>
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <ActionError error={invite.error} />
    </>
  );
}

const EMAIL_FIELDS = ["email"] as const;

function EmailInvite({ network, onSent }: { network: Network; onSent(recipient: string | null): void }) {
  const { t } = useTranslation();
  const form = useForm(EMAIL_FIELDS);
  const invite = useInvitePartner(network.id);
  const [email, setEmail] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSent(null);
    void form.submit(async () => {
      const checked = validate(InvitePartnerInput, { email }, EMAIL_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const invitation = await invite.mutateAsync(checked.data);
      setEmail("");
      onSent(invitation.email);
    });
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ email: t("networks.onboarding.invite.email") }} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <EmailField
        id={form.ids.email}
        label={t("networks.onboarding.invite.email")}
        hint={t("networks.onboarding.invite.emailHint")}
        autoComplete="off"
        required
        value={email}
        onValueChange={setEmail}
        error={form.errorFor("email")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t("networks.onboarding.invite.emailSubmit")}
        </Button>
      </div>
    </form>
  );
}
