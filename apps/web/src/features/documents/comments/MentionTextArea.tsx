import type { PersonRef } from "@ensemble/contracts/documents";
import { type KeyboardEvent, type RefObject, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describedByFor, FieldFrame } from "../../../components/FieldFrame.tsx";
import { LiveText } from "../../../components/StatusMessage.tsx";
import { insertMention, type MentionQuery, matchPeople, mentionQueryAt } from "./mentions.ts";

interface MentionTextAreaProps {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  /** Who can be mentioned (the project's members, without me). */
  people: readonly PersonRef[];
  /** Called with a person chosen from the suggestions. */
  onMention(person: PersonRef): void;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  textareaRef?: RefObject<HTMLTextAreaElement | null> | undefined;
  /** Ctrl/Cmd+Enter. */
  onSubmitShortcut?(): void;
  /** Escape while no suggestions are open. */
  onEscape?(): void;
}

/**
 * A labelled text area that offers project members when "@" is typed: the suggestions are a
 * listbox the text area points at with aria-activedescendant (focus stays in the text; arrows move
 * through the suggestions, Enter or Tab takes one, Escape closes them), and their number is
 * announced. The text area keeps its textbox role (a combobox role is not allowed on a textarea).
 */
export function MentionTextArea({
  id,
  label,
  value,
  onValueChange,
  people,
  onMention,
  hint,
  error,
  required,
  textareaRef,
  onSubmitShortcut,
  onEscape,
}: MentionTextAreaProps) {
  const { t } = useTranslation();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  // An "@" whose suggestions were closed with Escape, or whose person was chosen, stays closed until
  // another "@" is typed (so Enter after a mention starts a new line, and nothing is announced again).
  const [dismissed, setDismissed] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  // What the live region says: the number of suggestions, with the instructions only when an "@"
  // opens them (not again at every change of the number while the name is typed).
  const [announcement, setAnnouncement] = useState<string | null>(null);

  const open = query !== null && query.start !== dismissed;
  const matches = open ? matchPeople(people, query.query) : [];
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));
  const activeOption = matches[activeIndex];
  const optionId = (index: number) => `${listId}-option-${index}`;

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret !== null && ref.current) {
      pendingCaret.current = null;
      ref.current.setSelectionRange(caret, caret);
    }
  });

  function follow(text: string, caret: number | null) {
    const next = caret === null ? null : mentionQueryAt(text, caret);
    if (next?.start !== query?.start || next?.query !== query?.query) {
      setActive(0);
    }
    if (next === null || next.start !== dismissed) {
      setDismissed(null);
    }
    setQuery(next);
    announceFor(next !== null && next.start !== dismissed ? next : null);
  }

  function announceFor(next: MentionQuery | null) {
    if (next === null) {
      setAnnouncement(null);
      return;
    }
    const count = matchPeople(people, next.query).length;
    const same = open && query.start === next.start;
    if (same && count === matches.length) {
      // nothing new to say (the caret moved, or the name typed on matches the same people)
      return;
    }
    if (count === 0) {
      setAnnouncement(t("documentComments.mention.none"));
      return;
    }
    const number = t("documentComments.mention.suggestions", { count });
    setAnnouncement(same ? number : `${number} ${t("documentComments.mention.instructions")}`);
  }

  function choose(person: PersonRef) {
    if (!query) {
      return;
    }
    const caret = ref.current?.selectionStart ?? value.length;
    const result = insertMention(value, query, caret, person.displayName);
    pendingCaret.current = result.caret;
    onValueChange(result.text);
    onMention(person);
    setDismissed(query.start);
    setQuery(null);
    setAnnouncement(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open && matches.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + matches.length) % matches.length);
        return;
      }
      if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && activeOption) {
        event.preventDefault();
        choose(activeOption);
        return;
      }
    }
    if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setDismissed(query.start);
        setAnnouncement(null);
        return;
      }
      onEscape?.();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut?.();
    }
  }

  return (
    <FieldFrame id={id} label={label} required={required} error={error} hint={hint}>
      <div className="mention-field">
        <textarea
          id={id}
          ref={ref}
          rows={3}
          value={value}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByFor(id, hint, error)}
          aria-autocomplete="list"
          aria-controls={open && matches.length > 0 ? listId : undefined}
          aria-activedescendant={open && activeOption ? optionId(activeIndex) : undefined}
          onChange={(event) => {
            onValueChange(event.target.value);
            follow(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => follow(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setQuery(null);
            setAnnouncement(null);
          }}
        />
        {open && matches.length > 0 ? (
          <div
            id={listId}
            role="listbox"
            aria-label={t("documentComments.mention.listLabel")}
            className="mention-list"
          >
            {matches.map((person, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works in the text area (aria-activedescendant)
              <div
                key={person.id}
                id={optionId(index)}
                role="option"
                // reached through aria-activedescendant, never by Tab
                tabIndex={-1}
                aria-selected={index === activeIndex}
                className={
                  index === activeIndex
                    ? "mention-list__option mention-list__option--active"
                    : "mention-list__option"
                }
                // keeps focus (and the caret) in the text area
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
              >
                {person.displayName}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <LiveText text={open ? announcement : null} className="visually-hidden" />
    </FieldFrame>
  );
}
