import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { SelectField, type SelectOption } from "../../components/SelectField.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { EmailField } from "../../components/TextField.tsx";
import { asApiError } from "../../lib/api.ts";
import { useForm, validate } from "../../lib/forms.ts";

const FIELDS = ["email", "role"] as const;

interface InviteByEmailFormProps<S extends z.ZodType<{ email: string; role: string }>> {
  /** The contract's input schema (checked before sending). */
  schema: S;
  /** Sends the invitation; rejects with the API's error. */
  invite(input: z.output<S>): Promise<unknown>;
  roles: readonly SelectOption[];
  defaultRole: string;
  labels: { email: string; role: string; roleHint?: string | undefined; submit: string };
  /** The announcement once the invitation is on its way. */
  sentMessage(email: string): string;
}

/**
 * Invite someone by email address with a role (into an organisation or a project): checked with the
 * contract, errors in the summary ("already a member" as a whole, since it is about the person, not
 * a typo in the address), success announced and the address cleared for the next one.
 */
export function InviteByEmailForm<S extends z.ZodType<{ email: string; role: string }>>({
  schema,
  invite,
  roles,
  defaultRole,
  labels,
  sentMessage,
}: InviteByEmailFormProps<S>) {
  const { t } = useTranslation();
  const form = useForm(FIELDS, { role: "select" });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState(defaultRole);
  const [sent, setSent] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    void form.submit(async () => {
      const checked = validate(schema, { email, role }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      try {
        await invite(checked.data);
      } catch (error) {
        if (asApiError(error).code === "already_member") {
          form.fail({}, asApiError(error));
          return;
        }
        throw error;
      }
      setEmail("");
      setSent(sentMessage(checked.data.email));
    });
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ email: labels.email, role: labels.role }} />
      <p className="form__required-hint">{t("form.requiredHint")}</p>
      <EmailField
        id={form.ids.email}
        label={labels.email}
        autoComplete="off"
        required
        value={email}
        onValueChange={(value) => {
          setSent(null);
          setEmail(value);
        }}
        error={form.errorFor("email")}
      />
      <SelectField
        id={form.ids.role}
        label={labels.role}
        hint={labels.roleHint}
        required
        value={role}
        onValueChange={setRole}
        options={roles}
        error={form.errorFor("role")}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {labels.submit}
        </Button>
      </div>
      <StatusMessage message={sent} />
    </form>
  );
}
