import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Task, TaskLabel } from "@ensemble/contracts/boards";
import {
  type CSSProperties,
  type KeyboardEventHandler,
  type PointerEventHandler,
  type ReactNode,
  useEffect,
  useRef,
} from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useMenuButton } from "../../shell/useMenuButton.ts";
import { formatDay } from "./boards.days.ts";
import { isOverdue } from "./boards.filters.ts";
import { colorSlot, initialsOf, textOn } from "./boards.format.ts";

/** What a card needs to know about the board around it. */
export interface CardContext {
  labelsById: ReadonlyMap<string, TaskLabel>;
  today: string;
  /** The address that opens a task's detail (keeps the view and the filters). */
  taskHref(taskId: string): string;
}

/** A task's label, with its name always written (the colour is never the only information). */
export function LabelChip({ label }: { label: TaskLabel }) {
  return (
    <span className="label-chip" style={{ backgroundColor: label.color, color: textOn(label.color) }}>
      {label.name}
    </span>
  );
}

/** Initials of the people on a task, with their names for assistive technology and as a tooltip. */
export function AssigneeInitials({ people }: { people: Task["assignees"] }) {
  const { t } = useTranslation();
  if (people.length === 0) {
    return null;
  }
  const names = people.map((p) => p.displayName).join(", ");
  return (
    <span className="assignees" title={names}>
      <span className="visually-hidden">{t("boards.card.assignees", { names })}</span>
      {people.slice(0, 4).map((p) => (
        <span key={p.id} className={`avatar avatar--small avatar--c${colorSlot(p.id)}`} aria-hidden="true">
          {initialsOf(p.displayName)}
        </span>
      ))}
      {people.length > 4 ? (
        <span className="assignees__more" aria-hidden="true">
          +{people.length - 4}
        </span>
      ) : null}
    </span>
  );
}

/** The due date, with "Überfällig" written out (and an icon) when it passed. */
export function DueDate({ task, today }: { task: Pick<Task, "dueDate" | "completedAt">; today: string }) {
  const { t } = useTranslation();
  if (task.dueDate === null) {
    return null;
  }
  const date = formatDay(task.dueDate, currentLanguage());
  if (isOverdue(task, today)) {
    return (
      <span className="due due--overdue">
        <span className="due__icon" aria-hidden="true">
          !
        </span>
        <span aria-hidden="true">
          {t("boards.card.overdue")}: {date}
        </span>
        <span className="visually-hidden">{t("boards.card.dueOverdue", { date })}</span>
      </span>
    );
  }
  return (
    <span className="due">
      <span className="visually-hidden">{t("boards.card.due", { date })}</span>
      <span aria-hidden="true">{date}</span>
    </span>
  );
}

/** The priority as a word with a mark (nothing for "none"). */
export function PriorityBadge({ priority }: { priority: Task["priority"] }) {
  const { t } = useTranslation();
  if (priority === "none") {
    return null;
  }
  return (
    <span className={`priority priority--${priority}`}>
      <span className="visually-hidden">
        {t("boards.card.priority", { priority: t(`boards.priority.${priority}`) })}
      </span>
      <span aria-hidden="true">{t(`boards.priority.${priority}`)}</span>
    </span>
  );
}

/** The body of a card (shared by the card on the board and the one that follows the pointer). */
function CardBody({ task, context, title }: { task: Task; context: CardContext; title: ReactNode }) {
  const { t } = useTranslation();
  const labels = task.labelIds
    .map((id) => context.labelsById.get(id))
    .filter((l): l is TaskLabel => l !== undefined);
  return (
    <>
      {title}
      {labels.length > 0 ? (
        <span className="task-card__labels">
          <span className="visually-hidden">
            {t("boards.card.labels", { names: labels.map((l) => l.name).join(", ") })}
          </span>
          <span className="task-card__chips" aria-hidden="true">
            {labels.map((label) => (
              <LabelChip key={label.id} label={label} />
            ))}
          </span>
        </span>
      ) : null}
      <span className="task-card__meta">
        <PriorityBadge priority={task.priority} />
        <DueDate task={task} today={context.today} />
        {task.checklist.total > 0 ? (
          <span className={task.checklist.done === task.checklist.total ? "meta meta--complete" : "meta"}>
            <span className="meta__icon meta__icon--checklist" aria-hidden="true" />
            <span aria-hidden="true">
              {task.checklist.done}/{task.checklist.total}
            </span>
            <span className="visually-hidden">
              {t("boards.card.checklist", { done: task.checklist.done, total: task.checklist.total })}
            </span>
          </span>
        ) : null}
        {task.commentCount > 0 ? (
          <span className="meta">
            <span className="meta__icon meta__icon--comments" aria-hidden="true" />
            <span aria-hidden="true">{task.commentCount}</span>
            <span className="visually-hidden">{t("boards.card.comments", { count: task.commentCount })}</span>
          </span>
        ) : null}
        {task.recurrence ? (
          <span className="meta">
            <span className="meta__icon meta__icon--repeat" aria-hidden="true" />
            <span className="visually-hidden">{t("boards.card.repeats")}</span>
          </span>
        ) : null}
        <AssigneeInitials people={task.assignees} />
      </span>
    </>
  );
}

/** A choice in a card's "move to" menu. */
export interface MoveChoice {
  id: string;
  label: string;
  onSelect(): void;
}

/** "Verschieben nach …": the move without dragging (menu button pattern). */
function MoveMenu({ title, choices }: { title: string; choices: readonly MoveChoice[] }) {
  const { t } = useTranslation();
  const menu = useMenuButton();
  if (choices.length === 0) {
    return null;
  }
  return (
    <div className="row-menu task-card__menu" ref={menu.containerRef}>
      <button {...menu.buttonProps} type="button" className="menu-button task-card__menu-button">
        <span aria-hidden="true">{t("boards.card.moveMenu")}</span>
        <span className="visually-hidden">{t("boards.card.moveMenuFor", { title })}</span>
        <span className="menu-button__caret" aria-hidden="true" />
      </button>
      <div {...menu.menuProps} className="menu-list row-menu__list">
        {choices.map((choice) => (
          <button
            key={choice.id}
            role="menuitem"
            tabIndex={-1}
            type="button"
            className="row-menu__item"
            onClick={() => {
              menu.close(true);
              choice.onSelect();
            }}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * A task on the board. Who may edit drags it with the pointer anywhere on the card, or with the
 * keyboard on its handle ("Ziehen: …": Space or Enter picks it up), or moves it through its
 * "Verschieben nach …" menu. The title opens the task's detail.
 */
export function SortableTaskCard({
  task,
  context,
  editable,
  moveChoices,
  dimmed,
}: {
  task: Task;
  context: CardContext;
  editable: boolean;
  moveChoices: readonly MoveChoice[];
  /** True while this card is being dragged (its copy follows the pointer). */
  dimmed: boolean;
}) {
  const { t } = useTranslation();
  const sortable = useSortable({
    id: task.id,
    disabled: !editable,
    attributes: { roleDescription: t("boards.dnd.roleDescription") },
  });
  const handleRef = useRef<HTMLButtonElement | null>(null);
  const { isDragging, setActivatorNodeRef } = sortable;
  // Carried by the keyboard into another column, the card is a new element there: its handle
  // takes the focus the old one lost, so the next keys go on moving it.
  useEffect(() => {
    if (isDragging && (document.activeElement === document.body || document.activeElement === null)) {
      handleRef.current?.focus();
    }
  }, [isDragging]);
  const style: CSSProperties = {
    transform: CSS.Translate.toString(sortable.transform),
    transition: sortable.transition,
  };
  const classes = [
    "task-card",
    dimmed ? "task-card--placeholder" : null,
    task.completedAt ? "task-card--done" : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={classes}
      data-task-id={task.id}
      onPointerDown={
        editable ? (sortable.listeners?.onPointerDown as PointerEventHandler | undefined) : undefined
      }
    >
      <CardBody
        task={task}
        context={context}
        title={
          <span className="task-card__head">
            <Link className="task-card__title" to={context.taskHref(task.id)} data-task-link={task.id}>
              {task.title}
            </Link>
            {editable ? (
              <button
                ref={(node) => {
                  handleRef.current = node;
                  setActivatorNodeRef(node);
                }}
                type="button"
                className="task-card__handle"
                {...sortable.attributes}
                onKeyDown={sortable.listeners?.onKeyDown as KeyboardEventHandler | undefined}
                aria-label={t("boards.card.drag", { title: task.title })}
              >
                <span className="grip" aria-hidden="true" />
              </button>
            ) : null}
          </span>
        }
      />
      {editable ? <MoveMenu title={task.title} choices={moveChoices} /> : null}
    </li>
  );
}

/** The copy of a card that follows the pointer or the keys while it is dragged. */
export function DraggedCard({ task, context }: { task: Task; context: CardContext }) {
  return (
    <div className="task-card task-card--dragged">
      <CardBody
        task={task}
        context={context}
        title={
          <span className="task-card__head">
            <span className="task-card__title">{task.title}</span>
            <span className="task-card__handle" aria-hidden="true">
              <span className="grip" />
            </span>
          </span>
        }
      />
    </div>
  );
}
