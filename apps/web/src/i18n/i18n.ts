import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { de } from "./de.ts";
import { en } from "./en.ts";

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where an explicit choice is remembered; without one we follow the browser. */
const STORAGE_KEY = "ensemble.language";

/** True for the languages the app has texts for. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the texts are shown in right now. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : "de";
}

/**
 * Shows the texts in a language for this visit only — for an account's saved language, which must
 * not stay behind on a shared computer as if it were this device's choice.
 */
export async function applyLanguage(lng: Language): Promise<void> {
  if (currentLanguage() !== lng) {
    await i18n.changeLanguage(lng);
  }
}

/** Switches the language and remembers it as an explicit choice on this device. */
export async function switchLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage may be disabled (private mode, policies); the switch still applies to this visit.
  }
  if (currentLanguage() !== lng) {
    await i18n.changeLanguage(lng);
  }
}

i18n.on("languageChanged", () => {
  document.documentElement.lang = currentLanguage();
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: en } },
    fallbackLng: "de",
    supportedLngs: LANGUAGES,
    load: "languageOnly",
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: STORAGE_KEY,
      // Only an explicit choice is stored (switchLanguage), so a browser change is still followed.
      caches: [],
      convertDetectedLanguage: (lng: string) => lng.split("-")[0] ?? lng,
    },
  });

document.documentElement.lang = currentLanguage();

export { i18n };
