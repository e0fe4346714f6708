import { useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateProfile } from "../features/account/account.queries.ts";
import { meKey, useMe } from "../features/auth/auth.queries.ts";
import { currentLanguage, isLanguage, LANGUAGES, switchLanguage } from "../i18n/i18n.ts";
import { useUntilNextAction } from "../lib/actions.ts";

/** The language choice on every page; when signed in it is saved to the profile as well. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const update = useUpdateProfile();
  const language = currentLanguage();
  const saveFailed = useUntilNextAction(update.isError ? update.error : null);

  async function choose(value: string) {
    if (!isLanguage(value)) {
      return;
    }
    await switchLanguage(value);
    if (me && me.locale !== value) {
      queryClient.setQueryData(meKey, { ...me, locale: value });
      update.mutate(
        { locale: value },
        { onError: () => void queryClient.invalidateQueries({ queryKey: meKey }) },
      );
    }
  }

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t("language.label")}</label>
      <select id={id} value={language} onChange={(event) => void choose(event.target.value)}>
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
      {saveFailed ? (
        <p role="alert" className="language-switcher__error">
          {t("language.saveFailed")}
        </p>
      ) : null}
    </div>
  );
}
