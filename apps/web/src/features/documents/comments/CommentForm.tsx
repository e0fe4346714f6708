import { CreateCommentInput, type PersonRef } from "@ensemble/contracts/documents";
import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { FormErrorSummary } from "../../../components/FormErrorSummary.tsx";
import { useForm, validate } from "../../../lib/forms.ts";
import { MentionTextArea } from "./MentionTextArea.tsx";
import { mentionedIds } from "./mentions.ts";

const FIELDS = ["body"] as const;

interface CommentFormProps {
  label: string;
  submitLabel: string;
  hint?: string | undefined;
  people: readonly PersonRef[];
  /** Sends the comment; a thrown API error is shown on the form, which keeps the text. */
  onSubmit(input: { body: string; mentions: string[] }): Promise<void>;
  onCancel(): void;
  /** Focus the text area when the form appears. */
  autoFocus?: boolean;
  /** The text to start from (editing a comment) and the people it mentions. */
  initialBody?: string;
  initialMentions?: readonly PersonRef[];
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * A comment or reply: the text (with @mentions of project members), send and cancel. Ctrl/Cmd+Enter
 * sends, Escape cancels while the text is unchanged (a half-written comment is never thrown away by
 * a key; the cancel button still does that).
 */
export function CommentForm({
  label,
  submitLabel,
  hint,
  people,
  onSubmit,
  onCancel,
  autoFocus = false,
  initialBody = "",
  initialMentions = [],
  textareaRef,
}: CommentFormProps) {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const [body, setBody] = useState(initialBody);
  const [chosen, setChosen] = useState<PersonRef[]>(() => [...initialMentions]);

  useEffect(() => {
    if (autoFocus) {
      ref.current?.focus();
    }
  }, [autoFocus, ref]);

  function send() {
    void form.submit(async () => {
      const checked = validate(CreateCommentInput, { body }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await onSubmit({ body: checked.data.body, mentions: mentionedIds(checked.data.body, chosen) });
    });
  }

  function onFormSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  return (
    <form ref={form.formRef} className="comment-form" noValidate onSubmit={onFormSubmit}>
      <FormErrorSummary form={form} labels={{ body: label }} />
      <MentionTextArea
        id={form.ids.body}
        label={label}
        hint={hint}
        required
        value={body}
        onValueChange={setBody}
        people={people}
        onMention={(person) =>
          setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]))
        }
        error={form.errorFor("body")}
        textareaRef={ref}
        onSubmitShortcut={send}
        onEscape={() => {
          if (!form.busy && body === initialBody) {
            onCancel();
          }
        }}
      />
      <div className="comment-form__actions">
        <Button type="submit" className="button--small" busy={form.busy}>
          {submitLabel}
        </Button>
        <Button variant="secondary" className="button--small" disabled={form.busy} onClick={onCancel}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
