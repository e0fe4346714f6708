import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import type { BoardColumn, BoardResponse, Task } from "@ensemble/contracts/boards";
import {
  type FormEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { useInteractionOutside } from "../../lib/useInteractionOutside.ts";
import {
  type ColumnItems,
  columnItems,
  containerOf,
  type MovePlan,
  moveInItems,
  placeOf,
  planFromItems,
  planMenuMove,
} from "./boards.order.ts";
import { ColumnHeader } from "./ColumnHeader.tsx";
import { type CardContext, DraggedCard, type MoveChoice, SortableTaskCard } from "./TaskCard.tsx";

/**
 * The keyboard's moves on the board: up and down stay in the card's column, left and right go to
 * the column next to it (its card nearest in height, or the column itself when it is empty).
 * dnd-kit's sortable getter does the geometry; it only gets to see the places allowed.
 */
export function boardKeyboardCoordinates(
  items: RefObject<ColumnItems>,
  columnOrder: RefObject<string[]>,
): KeyboardCoordinateGetter {
  return (event, args) => {
    const { active } = args.context;
    const current = active ? containerOf(items.current, String(active.id)) : undefined;
    if (current === undefined) {
      return sortableKeyboardCoordinates(event, args);
    }
    let allowed: Set<string>;
    if (event.code === "ArrowLeft" || event.code === "ArrowRight") {
      const order = columnOrder.current;
      const target = order[order.indexOf(current) + (event.code === "ArrowLeft" ? -1 : 1)];
      if (target === undefined) {
        event.preventDefault();
        return undefined;
      }
      const ids = items.current[target] ?? [];
      allowed = new Set(ids.length > 0 ? ids : [target]);
    } else if (event.code === "ArrowUp" || event.code === "ArrowDown") {
      allowed = new Set(items.current[current] ?? []);
    } else {
      return sortableKeyboardCoordinates(event, args);
    }
    const containers = args.context.droppableContainers;
    const only = {
      getEnabled: () => containers.getEnabled().filter((entry) => allowed.has(String(entry.id))),
      get: (id: UniqueIdentifier | null | undefined) => containers.get(id),
    } as unknown as typeof containers;
    return sortableKeyboardCoordinates(event, {
      ...args,
      context: { ...args.context, droppableContainers: only },
    });
  };
}

/** What the board view does on behalf of the page. */
export interface BoardActions {
  /** Moves a task (optimistically); `how` says how it was moved, for where focus goes. */
  move(task: Task, plan: MovePlan, how: "drag" | "keyboard" | "menu"): void;
  createTask(column: BoardColumn, title: string): Promise<void>;
  editColumn(column: BoardColumn): void;
  deleteColumn(column: BoardColumn): void;
  moveColumn(column: BoardColumn, step: -1 | 1): void;
  addColumn(): void;
}

/** The 1-based place a plan puts a task at in its column, and how many the column then holds. */
export function placeAfterPlan(items: ColumnItems, taskId: string, plan: MovePlan) {
  const others = (items[plan.columnId] ?? []).filter((id) => id !== taskId);
  const index = plan.afterId === null ? 0 : others.indexOf(plan.afterId) + 1;
  return { position: index + 1, count: others.length + 1 };
}

/**
 * The board's columns with their cards. Who may edit drags cards within and between columns with
 * the pointer or the keyboard (dnd-kit, announced in the reader's language), or moves them with
 * each card's menu; a drop is shown at once and sent as a move with the neighbours' ids.
 */
export function BoardColumns({
  data,
  columns,
  visibleTasks,
  filtered,
  context,
  actions,
}: {
  data: BoardResponse;
  /** The board's columns in order. */
  columns: readonly BoardColumn[];
  /** The tasks that pass the filters. */
  visibleTasks: readonly Task[];
  filtered: boolean;
  context: CardContext;
  actions: BoardActions;
}) {
  const { t } = useTranslation();
  const { abilities } = data.board;
  const tasksById = useMemo(() => new Map(data.tasks.map((task) => [task.id, task])), [data.tasks]);
  const allItems = useMemo(() => columnItems(columns, data.tasks), [columns, data.tasks]);
  const visibleItems = useMemo(() => columnItems(columns, visibleTasks), [columns, visibleTasks]);
  // While a card is dragged, the board shows this copy of the order, changed as the card moves.
  const [dragItems, setDragItems] = useState<ColumnItems | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const items = dragItems ?? visibleItems;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const startColumn = useRef<string | null>(null);
  const lastKeyboard = useRef(false);
  const [focusRequest, setFocusRequest] = useState<{ taskId: string; target: "handle" | "menu" } | null>(
    null,
  );
  const columnName = (id: string | undefined) => columns.find((c) => c.id === id)?.name ?? "";
  const titleOf = (id: UniqueIdentifier) => tasksById.get(String(id))?.title ?? "";
  const positionOf = (id: string) => tasksById.get(id)?.position;

  // A card that moved to another column is a new element there, and may be made anew more than
  // once while the drop settles (the drag's copy of the order gives way to the cache's, then to
  // the API's answer): focus goes to it, and follows it whenever it was lost with the old element,
  // until the person moves on to something else.
  const focusHandled = useRef<typeof focusRequest>(null);
  useLayoutEffect(() => {
    if (!focusRequest) {
      return;
    }
    const first = focusHandled.current !== focusRequest;
    const active = document.activeElement;
    if (!first && active !== null && active !== document.body) {
      return;
    }
    const card = document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(focusRequest.taskId)}"]`);
    const target =
      card?.querySelector<HTMLElement>(
        focusRequest.target === "handle" ? ".task-card__handle" : ".task-card__menu-button",
      ) ?? card?.querySelector<HTMLElement>(".task-card__title");
    if (!target) {
      return;
    }
    focusHandled.current = focusRequest;
    if (active !== target) {
      target.focus();
    }
  });
  // focus or a click elsewhere (even on nothing focusable) means the person moved on
  useInteractionOutside(
    focusRequest !== null,
    (target) =>
      (target as Element | null)?.closest?.("[data-task-id]")?.getAttribute("data-task-id") ===
      focusRequest?.taskId,
    () => setFocusRequest(null),
  );

  const columnOrder = useRef<string[]>([]);
  columnOrder.current = columns.map((c) => c.id);
  const coordinateGetter = useMemo(() => boardKeyboardCoordinates(itemsRef, columnOrder), []);
  const sensors = useSensors(
    // a few pixels before a drag starts, so a click on the title or the menu stays a click
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  function say(
    key: "start" | "over" | "end",
    activeIdValue: UniqueIdentifier,
    overId: UniqueIdentifier | null,
  ) {
    const title = titleOf(activeIdValue);
    const place = overId === null ? null : placeOf(itemsRef.current, String(activeIdValue), String(overId));
    if (!place) {
      return key === "end" ? t("boards.dnd.endNone", { title }) : t("boards.dnd.overNone");
    }
    const values = {
      title,
      column: columnName(place.columnId),
      position: place.position,
      count: place.count,
    };
    if (key === "start") {
      return t("boards.dnd.start", values);
    }
    return key === "over" ? t("boards.dnd.over", values) : t("boards.dnd.end", values);
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => say("start", active.id, active.id),
    onDragOver: ({ active, over }) => say("over", active.id, over?.id ?? null),
    onDragEnd: ({ active, over }) => say("end", active.id, over?.id ?? null),
    onDragCancel: ({ active }) =>
      t("boards.dnd.cancel", {
        title: titleOf(active.id),
        column: columnName(startColumn.current ?? undefined),
      }),
  };

  function onDragStart({ active, activatorEvent }: DragStartEvent) {
    setActiveId(String(active.id));
    setDragItems(visibleItems);
    startColumn.current = containerOf(visibleItems, String(active.id)) ?? null;
    lastKeyboard.current = activatorEvent instanceof KeyboardEvent;
  }

  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) {
      return;
    }
    const activeKey = String(active.id);
    const overKey = String(over.id);
    setDragItems((current) => {
      const base = current ?? visibleItems;
      const from = containerOf(base, activeKey);
      const to = containerOf(base, overKey);
      if (from === undefined || to === undefined || from === to) {
        return base;
      }
      const target = base[to] ?? [];
      let index = target.length;
      if (overKey !== to) {
        const overIndex = target.indexOf(overKey);
        const translated = active.rect.current.translated;
        const below = translated !== null && translated.top > over.rect.top + over.rect.height / 2;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      return moveInItems(base, activeKey, to, index);
    });
  }

  function finish() {
    setDragItems(null);
    setActiveId(null);
    startColumn.current = null;
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const activeKey = String(active.id);
    const current = dragItems ?? visibleItems;
    const from = containerOf(current, activeKey);
    const task = tasksById.get(activeKey);
    if (!over || from === undefined || !task) {
      finish();
      return;
    }
    let final = current;
    const overKey = String(over.id);
    const to = containerOf(current, overKey);
    if (to === from && overKey !== from) {
      const ids = current[from] ?? [];
      const oldIndex = ids.indexOf(activeKey);
      const newIndex = ids.indexOf(overKey);
      if (oldIndex >= 0 && newIndex >= 0 && oldIndex !== newIndex) {
        final = { ...current, [from]: arrayMove(ids, oldIndex, newIndex) };
      }
    }
    const plan = planFromItems(activeKey, final, positionOf);
    const before = planFromItems(activeKey, visibleItems, positionOf);
    const unchanged =
      plan === null ||
      (before !== null &&
        plan.columnId === before.columnId &&
        plan.afterId === before.afterId &&
        plan.beforeId === before.beforeId);
    if (plan && !unchanged) {
      actions.move(task, plan, lastKeyboard.current ? "keyboard" : "drag");
    }
    if (lastKeyboard.current) {
      setFocusRequest({ taskId: activeKey, target: "handle" });
    }
    finish();
  }

  function menuChoices(task: Task): MoveChoice[] {
    const choices: MoveChoice[] = [];
    const run = (plan: MovePlan | null) => {
      if (plan) {
        actions.move(task, plan, "menu");
        setFocusRequest({ taskId: task.id, target: "menu" });
      }
    };
    const column = containerOf(visibleItems, task.id);
    const ids = column === undefined ? [] : (visibleItems[column] ?? []);
    const index = ids.indexOf(task.id);
    if (index > 0) {
      choices.push({
        id: "up",
        label: t("boards.card.moveUp"),
        onSelect: () => run(planMenuMove(task.id, visibleItems, { step: -1 }, positionOf)),
      });
    }
    if (index >= 0 && index < ids.length - 1) {
      choices.push({
        id: "down",
        label: t("boards.card.moveDown"),
        onSelect: () => run(planMenuMove(task.id, visibleItems, { step: 1 }, positionOf)),
      });
    }
    for (const other of columns) {
      if (other.id !== task.columnId) {
        choices.push({
          id: other.id,
          label: t("boards.card.moveTo", { column: other.name }),
          onSelect: () =>
            run(planMenuMove(task.id, allItems, { columnId: other.id, where: "end" }, positionOf)),
        });
      }
    }
    return choices;
  }

  const active = activeId ? tasksById.get(activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t("boards.dnd.instructions") },
      }}
    >
      <div className="board-columns">
        {columns.map((column, index) => (
          <Column
            key={column.id}
            column={column}
            index={index}
            columnCount={columns.length}
            ids={items[column.id] ?? []}
            total={allItems[column.id]?.length ?? 0}
            tasksById={tasksById}
            filtered={filtered}
            context={context}
            editable={abilities.edit}
            manageable={abilities.manage}
            activeId={activeId}
            menuChoices={menuChoices}
            actions={actions}
          />
        ))}
        {abilities.manage ? (
          <div className="board-columns__add">
            <Button variant="secondary" onClick={actions.addColumn}>
              {t("boards.board.addColumn")}
            </Button>
          </div>
        ) : null}
      </div>
      <DragOverlay>{active ? <DraggedCard task={active} context={context} /> : null}</DragOverlay>
    </DndContext>
  );
}

function Column({
  column,
  index,
  columnCount,
  ids,
  total,
  tasksById,
  filtered,
  context,
  editable,
  manageable,
  activeId,
  menuChoices,
  actions,
}: {
  column: BoardColumn;
  index: number;
  columnCount: number;
  ids: readonly string[];
  /** Open tasks of the column, filtered or not (for the WIP limit). */
  total: number;
  tasksById: ReadonlyMap<string, Task>;
  filtered: boolean;
  context: CardContext;
  editable: boolean;
  manageable: boolean;
  activeId: string | null;
  menuChoices(task: Task): MoveChoice[];
  actions: BoardActions;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: column.id, disabled: !editable });
  const tasks = ids.map((id) => tasksById.get(id)).filter((task): task is Task => task !== undefined);
  const exceeded = column.wipLimit !== null && total > column.wipLimit;
  const classes = [
    "board-column",
    exceeded ? "board-column--exceeded" : null,
    column.isDone ? "board-column--done" : null,
    isOver ? "board-column--over" : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <section className={classes} aria-labelledby={headingId} data-column-id={column.id}>
      <ColumnHeader
        column={column}
        headingId={headingId}
        total={total}
        exceeded={exceeded}
        manageable={manageable}
        isFirst={index === 0}
        isLast={index === columnCount - 1}
        actions={actions}
      />
      <SortableContext id={column.id} items={[...ids]} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="board-column__cards" aria-labelledby={headingId}>
          {tasks.map((task) => (
            <SortableTaskCard
              key={task.id}
              task={task}
              context={context}
              editable={editable}
              moveChoices={editable ? menuChoices(task) : []}
              dimmed={task.id === activeId}
            />
          ))}
          {tasks.length === 0 ? (
            <li className="board-column__empty">
              {filtered ? t("boards.column.emptyFiltered") : t("boards.column.empty")}
            </li>
          ) : null}
        </ul>
      </SortableContext>
      {editable ? (
        <AddTaskForm column={column} onCreate={(title) => actions.createTask(column, title)} />
      ) : null}
    </section>
  );
}

/** "Aufgabe hinzufügen" at the foot of a column: a title, Enter adds it, the field stays for the next. */
function AddTaskForm({ column, onCreate }: { column: BoardColumn; onCreate(title: string): Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const [focusOpener, setFocusOpener] = useState(0);

  useEffect(() => {
    if (open) {
      inputRef.current?.focus();
    }
  }, [open]);
  useEffect(() => {
    if (focusOpener > 0) {
      openerRef.current?.focus();
    }
  }, [focusOpener]);

  function close() {
    setOpen(false);
    setTitle("");
    setInvalid(false);
    setFocusOpener((n) => n + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) {
      return;
    }
    const text = title.trim();
    if (text === "") {
      setInvalid(true);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await onCreate(text);
      setTitle("");
      setInvalid(false);
    } catch {
      // the page shows why (ActionError); the title stays for another try
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  if (!open) {
    return (
      <button ref={openerRef} type="button" className="board-column__add" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+ {t("boards.add.open")}</span>
        <span className="visually-hidden">{t("boards.add.openIn", { column: column.name })}</span>
      </button>
    );
  }
  return (
    <form className="add-task" noValidate onSubmit={(event) => void onSubmit(event)}>
      <label className="visually-hidden" htmlFor={inputId}>
        {t("boards.add.label")}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="add-task__input"
        value={title}
        maxLength={300}
        autoComplete="off"
        required
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${inputId}-error` : undefined}
        onChange={(event) => {
          setTitle(event.target.value);
          setInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            close();
          }
        }}
        placeholder={t("boards.add.label")}
      />
      {invalid ? (
        <p className="field__error" id={`${inputId}-error`}>
          <span className="visually-hidden">{t("form.errorPrefix")} </span>
          {t("errors.field.required")}
        </p>
      ) : null}
      <div className="add-task__actions">
        <Button type="submit" className="button--small" busy={busy}>
          {t("boards.add.submit")}
        </Button>
        <Button variant="secondary" className="button--small" disabled={busy} onClick={close}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
