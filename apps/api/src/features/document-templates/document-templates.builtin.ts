import type { ContentLanguage, DocumentTemplate } from "@ensemble/contracts/documents";

/** The built-in templates in one language, as the list shows them. */
export function builtinTemplates(_language: ContentLanguage): DocumentTemplate[] {
  return [];
}

/** The first state of a document made from a built-in template (null: no such template). */
export function builtinState(_key: string, _language: ContentLanguage): Uint8Array | null {
  return null;
}
