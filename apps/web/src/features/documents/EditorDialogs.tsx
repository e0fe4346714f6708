import { isSafeImageSrc, isSafeLinkHref } from "@ensemble/editor/extensions";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { TextField } from "../../components/TextField.tsx";
import { type FieldErrors, useForm } from "../../lib/forms.ts";
import { DialogActions } from "./FormDialog.tsx";

/** "example.org" becomes "https://example.org"; addresses with a scheme stay as typed. */
export function withScheme(value: string): string {
  const trimmed = value.trim();
  if (trimmed === "" || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    return trimmed;
  }
  return `https://${trimmed.replace(/^\/+/, "")}`;
}

const LINK_FIELDS = ["href", "text"] as const;

/** The link dialog's form: the address, and the text when nothing is selected. */
export function LinkForm({
  initialHref,
  askText,
  canRemove,
  onCancel,
  onSave,
  onRemove,
}: {
  initialHref: string;
  /** Nothing is selected: the link needs a text of its own (default: the address). */
  askText: boolean;
  /** The cursor is in a link: offer to remove it. */
  canRemove: boolean;
  onCancel(): void;
  onSave(href: string, text: string): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const form = useForm(LINK_FIELDS);
  const [href, setHref] = useState(initialHref);
  const [text, setText] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = withScheme(href);
    const errors: FieldErrors<"href" | "text"> = {};
    if (target === "") {
      errors.href = "required";
    } else if (!isSafeLinkHref(target)) {
      errors.href = "invalid_url";
    }
    if (errors.href) {
      form.fail(errors);
      return;
    }
    onSave(target, text.trim() || target);
  }

  const labels = { href: t("documents.link.href"), text: t("documents.link.text") };
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <TextField
        id={form.ids.href}
        label={labels.href}
        type="url"
        inputMode="url"
        autoComplete="url"
        required
        value={href}
        onValueChange={setHref}
        error={form.errorFor("href")}
        hint={t("documents.link.hrefHint")}
      />
      {askText ? (
        <TextField
          id={form.ids.text}
          label={labels.text}
          autoComplete="off"
          value={text}
          onValueChange={setText}
          hint={t("documents.link.textHint")}
        />
      ) : null}
      <DialogActions submitLabel={t("documents.link.submit")} busy={false} onCancel={onCancel} />
      {canRemove ? (
        <div className="form__actions">
          <Button variant="link" onClick={onRemove}>
            {t("documents.link.remove")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

const IMAGE_FIELDS = ["src", "alt"] as const;

/** The image dialog's form: an http(s) address and the text alternative. */
export function ImageForm({
  onCancel,
  onSave,
}: {
  onCancel(): void;
  onSave(src: string, alt: string): void;
}) {
  const { t } = useTranslation();
  const form = useForm(IMAGE_FIELDS);
  const [src, setSrc] = useState("");
  const [alt, setAlt] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = withScheme(src);
    if (address === "") {
      form.fail({ src: "required" });
      return;
    }
    // by address only: pasted data: images are the editor's business, not this field's
    if (!/^https?:/i.test(address) || !isSafeImageSrc(address)) {
      form.fail({ src: "invalid_url" });
      return;
    }
    onSave(address, alt.trim());
  }

  const labels = { src: t("documents.image.src"), alt: t("documents.image.alt") };
  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={labels} />
      <TextField
        id={form.ids.src}
        label={labels.src}
        type="url"
        inputMode="url"
        required
        autoComplete="off"
        value={src}
        onValueChange={setSrc}
        error={form.errorFor("src")}
      />
      <TextField
        id={form.ids.alt}
        label={labels.alt}
        autoComplete="off"
        value={alt}
        onValueChange={setAlt}
        hint={t("documents.image.altHint")}
      />
      <DialogActions submitLabel={t("documents.image.submit")} busy={false} onCancel={onCancel} />
    </form>
  );
}
