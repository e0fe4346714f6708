import type { ContentLanguage, DocumentTemplate } from "@ensemble/contracts/documents";
import { jsonToState } from "@ensemble/editor/convert";
import {
  builtinTemplates as editorTemplates,
  getBuiltinTemplate,
  isBuiltinTemplateKey,
} from "@ensemble/editor/templates";

/** The built-in templates in one language, as the list shows them (`builtin:<key>`). */
export function builtinTemplates(language: ContentLanguage): DocumentTemplate[] {
  return editorTemplates(language).map((t) => ({
    id: `builtin:${t.key}`,
    name: t.name,
    description: t.description,
    source: "builtin",
    owner: null,
    canDelete: false,
  }));
}

/** The first state of a document made from a built-in template (null: no such template). */
export function builtinState(key: string, language: ContentLanguage): Uint8Array | null {
  if (!isBuiltinTemplateKey(key)) {
    return null;
  }
  return jsonToState(getBuiltinTemplate(key, language).content);
}
