import { type Network, UpdateNetworkInput } from "@ensemble/contracts/networks";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TextAreaField } from "../../components/TextAreaField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDate } from "../../lib/dates.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { useNetworkContext, useNetworkTitle } from "./NetworkLayout.tsx";
import type { NetworksPageNotice } from "./NetworksPage.tsx";
import { useForgetNetwork, useRemovePartner, useUpdateNetwork } from "./networks.queries.ts";

type MyOrganisation = Network["myOrganisations"][number];

/** Organisations of mine that may leave: those I administer, except the coordinator. */
export function leavableOrganisations(network: Network): MyOrganisation[] {
  return network.myOrganisations.filter(
    (o) => (o.role === "owner" || o.role === "admin") && o.id !== network.coordinator.id,
  );
}

/** /networks/:id: what the network is, my organisations in it, editing and leaving. */
export function NetworkOverviewPage() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  useNetworkTitle(t("networks.tabs.overview"));
  const headingId = useId();
  const language = currentLanguage();

  return (
    <>
      <section className="nw-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{t("networks.overview.heading")}</h2>
        <p className="nw-description">{network.description || t("networks.overview.noDescription")}</p>
        <dl className="nw-facts">
          <div>
            <dt>{t("networks.overview.coordinator")}</dt>
            <dd>{network.coordinator.name}</dd>
          </div>
          <div>
            <dt>{t("networks.overview.partners")}</dt>
            <dd>{network.partnerCount}</dd>
          </div>
          <div>
            <dt>{t("networks.overview.founded")}</dt>
            <dd>{formatDate(network.createdAt, language)}</dd>
          </div>
        </dl>
      </section>
      <MyOrganisationsSection network={network} />
      {network.abilities.update ? <EditNetworkSection network={network} /> : null}
    </>
  );
}

function MyOrganisationsSection({ network }: { network: Network }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forget = useForgetNetwork();
  const remove = useRemovePartner(network.id);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [leaving, setLeaving] = useState<MyOrganisation | null>(null);
  const [left, setLeft] = useState<string | null>(null);
  const leavable = new Set(leavableOrganisations(network).map((o) => o.id));

  async function confirmLeave() {
    if (!leaving || remove.isPending) {
      return;
    }
    const stillMember = network.myOrganisations.length > 1;
    try {
      await remove.mutateAsync({ organisationId: leaving.id, stillMember });
    } catch {
      return; // shown in the dialog
    }
    if (!stillMember) {
      const state: NetworksPageNotice = { left: { organisation: leaving.name, network: network.name } };
      await navigate("/networks", { state });
      forget(network.id);
      return;
    }
    setLeft(leaving.name);
    setLeaving(null);
  }

  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("networks.overview.mine")}
      </h2>
      <ul className="nw-plain-list">
        {network.myOrganisations.map((o) => {
          const nameId = `${headingId}-${o.id}`;
          return (
            <li key={o.id} className="nw-plain-list__row">
              <div>
                <p className="nw-plain-list__name" id={nameId}>
                  {o.name}
                  {o.id === network.coordinator.id ? (
                    <span className="badge">{t("networks.list.coordinatorBadge")}</span>
                  ) : null}
                </p>
                <p className="nw-plain-list__meta">
                  {t("networks.overview.myRole", { role: t(`roles.organisation.${o.role}`) })}
                </p>
              </div>
              {leavable.has(o.id) ? (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setLeft(null);
                    remove.reset();
                    setLeaving(o);
                  }}
                >
                  {t("networks.overview.leave.button")}
                  <span className="visually-hidden"> {o.name}</span>
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <StatusMessage message={left ? t("networks.overview.leave.left", { organisation: left }) : null} />
      <ConfirmDialog
        open={leaving !== null}
        title={t("networks.overview.leave.title")}
        confirmLabel={t("networks.overview.leave.confirm")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmLeave()}
        onCancel={() => setLeaving(null)}
        fallbackFocus={headingRef}
      >
        <p>
          {t("networks.overview.leave.text", { organisation: leaving?.name ?? "", network: network.name })}
        </p>
      </ConfirmDialog>
    </section>
  );
}

const EDIT_FIELDS = ["name", "description"] as const;

function EditNetworkSection({ network }: { network: Network }) {
  const { t } = useTranslation();
  const form = useForm(EDIT_FIELDS);
  const update = useUpdateNetwork(network.id);
  const headingId = useId();
  const [name, setName] = useState(network.name);
  const [description, setDescription] = useState(network.description);
  const [outcome, setOutcome] = useState<"saved" | "unchanged" | null>(null);
  const labels = {
    name: t("networks.overview.edit.name"),
    description: t("networks.overview.edit.description"),
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    void form.submit(async () => {
      const patch: { name?: string; description?: string } = {};
      if (name.trim() !== network.name) {
        patch.name = name;
      }
      if (description.trim() !== network.description) {
        patch.description = description;
      }
      if (Object.keys(patch).length === 0) {
        setOutcome("unchanged");
        return;
      }
      const checked = validate(UpdateNetworkInput, { name, description, ...patch }, EDIT_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const saved = await update.mutateAsync(patch);
      setName(saved.name);
      setDescription(saved.description);
      setOutcome("saved");
    });
  }

  return (
    <section className="nw-section card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("networks.overview.edit.heading")}</h2>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={labels} />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <TextField
          id={form.ids.name}
          label={labels.name}
          required
          autoComplete="off"
          value={name}
          onValueChange={(value) => {
            setOutcome(null);
            setName(value);
          }}
          error={form.errorFor("name")}
        />
        <TextAreaField
          id={form.ids.description}
          label={labels.description}
          hint={t("networks.overview.edit.descriptionHint")}
          value={description}
          onValueChange={(value) => {
            setOutcome(null);
            setDescription(value);
          }}
          error={form.errorFor("description")}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("networks.overview.edit.submit")}
          </Button>
        </div>
        <StatusMessage message={outcome ? t(`networks.overview.edit.${outcome}`) : null} />
      </form>
    </section>
  );
}
