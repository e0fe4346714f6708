import { UpdateProfileInput } from "@ensemble/contracts/account";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage, LANGUAGES, type Language, switchLanguage } from "../../i18n/i18n.ts";
import { useForm, validate } from "../../lib/forms.ts";
import type { CurrentUser } from "../auth/auth.queries.ts";
import { useUpdateProfile } from "./account.queries.ts";

const FIELDS = ["displayName"] as const;

/** Display name and preferred language. */
export function ProfileSection({ me }: { me: CurrentUser }) {
  const { t } = useTranslation();
  const form = useForm(FIELDS, { displayName: "displayName" });
  const update = useUpdateProfile();
  const languageHintId = useId();
  const [displayName, setDisplayName] = useState(me.displayName);
  // Untouched, the choice follows the saved value (which the header's switcher may change).
  const [localeDraft, setLocaleDraft] = useState<Language | null>(null);
  const locale: Language =
    localeDraft ?? (me.locale === "de" || me.locale === "en" ? me.locale : currentLanguage());
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    void form.submit(async () => {
      const checked = validate(UpdateProfileInput, { displayName, locale }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { user } = await update.mutateAsync(checked.data);
      setDisplayName(user.displayName);
      setLocaleDraft(null);
      await switchLanguage(locale);
      setSaved(true);
    });
  }

  return (
    <CardSection title={t("settings.profile.heading")}>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={{ displayName: t("settings.profile.displayName") }} />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <TextField
          id={form.ids.displayName}
          label={t("settings.profile.displayName")}
          autoComplete="name"
          required
          value={displayName}
          onValueChange={(value) => {
            setSaved(false);
            setDisplayName(value);
          }}
          error={form.errorFor("displayName")}
        />
        <fieldset className="field choice-group" aria-describedby={languageHintId}>
          <legend className="field__label">{t("settings.profile.language")}</legend>
          <p className="field__hint" id={languageHintId}>
            {t("settings.profile.languageHint")}
          </p>
          {LANGUAGES.map((lng) => (
            <label key={lng} className="choice">
              <input
                type="radio"
                name={`${form.ids.displayName}-locale`}
                value={lng}
                checked={locale === lng}
                onChange={() => {
                  setSaved(false);
                  setLocaleDraft(lng);
                }}
              />
              <span lang={lng}>{t(`language.${lng}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("settings.profile.submit")}
          </Button>
        </div>
        <StatusMessage message={saved ? t("settings.saved") : null} />
      </form>
    </CardSection>
  );
}
