import { z } from "zod";
import { PersonRef } from "./documents.ts";
import { Id, LongText, NameText } from "./text.ts";

/**
 * Task boards: a project has boards, a board has columns, a column has tasks in a fractional
 * order (`position`, from the `fractional-indexing` package: compare keys byte-wise, never with a
 * locale). Moving a task writes that task's row only.
 */

export const TaskPriority = z.enum(["none", "low", "medium", "high", "urgent"]);
export type TaskPriority = z.infer<typeof TaskPriority>;

/** A calendar day `YYYY-MM-DD` between 1900-01-01 and 2199-12-31 that exists (no 31 February). */
export const CalendarDay = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), { params: { code: "invalid_date" }, abort: true })
  .refine(
    (v) => {
      const [y, m, d] = v.split("-").map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return (
        y >= 1900 &&
        y <= 2199 &&
        date.getUTCFullYear() === y &&
        date.getUTCMonth() === m - 1 &&
        date.getUTCDate() === d
      );
    },
    { params: { code: "date_out_of_range" } },
  );

/**
 * A fractional-indexing key as the client computed it. The shape is checked here; the API checks
 * it is a valid key with the library (422 `position: "invalid_position"` otherwise).
 */
export const OrderKey = z
  .string()
  .min(2)
  .max(80)
  .refine((v) => /^[A-Za-z][0-9A-Za-z]+$/.test(v), { params: { code: "invalid_position" } });

/** A repeat rule: an RFC 5545 RRULE without DTSTART, e.g. `FREQ=MONTHLY;INTERVAL=3`. Checked by the API. */
export const Recurrence = z.string().trim().min(6).max(300);

/** `#rrggbb`. */
export const LabelColor = z
  .string()
  .refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), { params: { code: "invalid_color" } });

/** Most labels on one task, most labels in one project, most assignees on one task. */
export const MAX_TASK_LABELS = 20;
/** The largest task description, as JSON in UTF-8 (100 KB). */
export const MAX_DESCRIPTION_BYTES = 100 * 1024;
export const MAX_PROJECT_LABELS = 200;
export const MAX_TASK_ASSIGNEES = 20;
export const MAX_CHECKLIST_ITEMS = 200;

export const TaskLabel = z.object({ id: z.string(), name: z.string(), color: z.string() });
export type TaskLabel = z.infer<typeof TaskLabel>;

export const BoardColumn = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  /** Shown as exceeded when the column holds more; never enforced. */
  wipLimit: z.number().int().nullable(),
  /** Tasks moved here are done (completed, archivable, and a repeating task creates its next one). */
  isDone: z.boolean(),
});
export type BoardColumn = z.infer<typeof BoardColumn>;

/** A task as a card on the board, a row in the list and in "My tasks" (also the live event's payload). */
export const Task = z.object({
  id: z.string(),
  projectId: z.string(),
  boardId: z.string(),
  columnId: z.string(),
  position: z.string(),
  title: z.string(),
  priority: TaskPriority,
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  assignees: z.array(PersonRef),
  labelIds: z.array(z.string()),
  checklist: z.object({ done: z.number().int(), total: z.number().int() }),
  commentCount: z.number().int(),
  hasDescription: z.boolean(),
  recurrence: z.string().nullable(),
  completedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;

/** What the caller may do with a task (the board's rules; see BoardAbilities). */
export const TaskAbilities = z.object({ edit: z.boolean(), comment: z.boolean() });
export type TaskAbilities = z.infer<typeof TaskAbilities>;

export const ChecklistItem = z.object({
  id: z.string(),
  text: z.string(),
  done: z.boolean(),
  position: z.string(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** One task with everything its detail view shows. */
export const TaskDetail = Task.extend({
  /** Tiptap JSON, or null. */
  description: z.record(z.string(), z.unknown()).nullable(),
  checklistItems: z.array(ChecklistItem),
  documents: z.array(z.object({ id: z.string(), title: z.string() })),
  createdBy: PersonRef.nullable(),
  updatedBy: PersonRef.nullable(),
  /** The next dates of a repeating task (up to 3), for the detail view. */
  nextOccurrences: z.array(z.string()),
  abilities: TaskAbilities,
});
export type TaskDetail = z.infer<typeof TaskDetail>;
export const TaskResponse = z.object({ task: TaskDetail });

export const BoardAbilities = z.object({
  /** Create, edit, move, archive tasks; manage labels (editors and leads of an active project). */
  edit: z.boolean(),
  /** Rename the board, manage its columns, delete it (same as edit: boards are shared work). */
  manage: z.boolean(),
  /** Comment on tasks (everyone who reads, while the project is active). */
  comment: z.boolean(),
});
export type BoardAbilities = z.infer<typeof BoardAbilities>;

export const BoardSummary = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  position: z.string(),
  openTasks: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BoardSummary = z.infer<typeof BoardSummary>;
export const BoardList = z.object({ boards: z.array(BoardSummary), canCreate: z.boolean() });
export type BoardList = z.infer<typeof BoardList>;

/** A board with its columns, the project's labels and members, and its open (not archived) tasks. */
export const Board = BoardSummary.extend({
  project: z.object({ id: z.string(), name: z.string(), state: z.enum(["active", "archived", "trashed"]) }),
  columns: z.array(BoardColumn),
  labels: z.array(TaskLabel),
  /** The people tasks can be assigned to (the project's members). */
  members: z.array(PersonRef),
  abilities: BoardAbilities,
});
export type Board = z.infer<typeof Board>;
/**
 * A card as the board load sends it: a `Task` without what the board already says (its project,
 * its board, and `archivedAt`, null on every open card), with its assignees by id in the order
 * they are shown (by name as German readers sort), named once in the load's `people`. This is how
 * Trello's and Linear's board loads send cards: with 2,000 cards the repeated names and ids were
 * a quarter of the answer, and every byte of it is written, sent and parsed.
 */
export const BoardCard = Task.omit({
  projectId: true,
  boardId: true,
  archivedAt: true,
  assignees: true,
}).extend({ assigneeIds: z.array(z.string()) });
export type BoardCard = z.infer<typeof BoardCard>;

/** `GET /api/boards/{id}`: the board, its open tasks as cards, and everyone assigned to one. */
export const BoardLoad = z.object({ board: Board, tasks: z.array(BoardCard), people: z.array(PersonRef) });
export type BoardLoad = z.infer<typeof BoardLoad>;

/** A board with its open tasks as `Task`s, as the web app keeps it (see `expandBoard`). */
export const BoardResponse = z.object({ board: Board, tasks: z.array(Task) });
export type BoardResponse = z.infer<typeof BoardResponse>;

/**
 * The board load's cards as `Task`s: the same fields a task's own answer and its events carry.
 * Field by field (not `{ ...card }`: copying 2,000 objects by spread and rest took ten times as long).
 */
export function expandBoard(load: BoardLoad): BoardResponse {
  const { board } = load;
  const people = new Map(load.people.map((p) => [p.id, p]));
  const named = (ids: readonly string[]): PersonRef[] => {
    const list: PersonRef[] = [];
    for (const id of ids) {
      const person = people.get(id);
      if (person) {
        list.push({ id: person.id, displayName: person.displayName });
      }
    }
    return list;
  };
  return {
    board,
    tasks: load.tasks.map((c) => ({
      id: c.id,
      projectId: board.projectId,
      boardId: board.id,
      columnId: c.columnId,
      position: c.position,
      title: c.title,
      priority: c.priority,
      startDate: c.startDate,
      dueDate: c.dueDate,
      assignees: named(c.assigneeIds),
      labelIds: c.labelIds,
      checklist: c.checklist,
      commentCount: c.commentCount,
      hasDescription: c.hasDescription,
      recurrence: c.recurrence,
      completedAt: c.completedAt,
      archivedAt: null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
  };
}
/** A board without its tasks (what creating or renaming answers). */
export const BoardInfoResponse = z.object({ board: Board });
export const ColumnResponse = z.object({ column: BoardColumn });
/** Archived tasks of a board, the most recently archived first. */
export const ArchivedTaskList = z.object({ tasks: z.array(Task) });
/** How many tasks "archive done" archived. */
export const ArchiveDoneResponse = z.object({ archived: z.number().int() });

export const BoardIdParam = z.object({ id: Id });
export const ColumnIdParam = z.object({ id: Id });
export const TaskIdParam = z.object({ id: Id });
export const ChecklistItemIdParam = z.object({ id: Id });
export const LabelIdParam = z.object({ id: Id });
export const TaskCommentIdParam = z.object({ id: Id });
export const TaskDocumentParam = z.object({ id: Id, documentId: Id });

export const CreateBoardInput = z.strictObject({
  name: NameText(120),
  /** Language of the default columns (Offen / In Arbeit / Erledigt, or To do / In progress / Done). */
  language: z.enum(["de", "en"]).optional(),
});
export type CreateBoardInput = z.input<typeof CreateBoardInput>;
export const UpdateBoardInput = z.strictObject({ name: NameText(120) });
export type UpdateBoardInput = z.input<typeof UpdateBoardInput>;

/**
 * Where to put something in an ordered list (a column's tasks, a board's columns, a task's
 * checklist), by the ids of its neighbours as the client saw them:
 * - `afterId`: right after that item (with `beforeId` too, that one must come later: else
 *   422 `beforeId: "not_after"`);
 * - only `beforeId`: right before that item;
 * - `afterId: null`: at the start; nothing (or `beforeId: null`): at the end.
 * An id that is not in the list answers 422 `afterId`/`beforeId`: `"not_found"`.
 */
const Placement = {
  afterId: Id.nullable().optional(),
  beforeId: Id.nullable().optional(),
};

export const CreateColumnInput = z.strictObject({
  name: NameText(80),
  wipLimit: z.number().int().min(1).max(999).nullable().optional(),
  isDone: z.boolean().optional(),
  /** Default: at the end. */
  ...Placement,
});
export type CreateColumnInput = z.input<typeof CreateColumnInput>;
export const UpdateColumnInput = z
  .strictObject({
    name: NameText(80).optional(),
    wipLimit: z.number().int().min(1).max(999).nullable().optional(),
    isDone: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateColumnInput = z.input<typeof UpdateColumnInput>;
export const MoveColumnInput = z.strictObject(Placement);
export type MoveColumnInput = z.input<typeof MoveColumnInput>;
/**
 * Deleting a column moves its tasks (archived ones too) to the end of another column of the
 * board, `moveTo` (required when the column has tasks: 422 `moveTo: "required"`; another board's
 * column: `moveTo: "not_found"`). The last column of a board cannot be deleted (409 conflict).
 */
export const DeleteColumnQuery = z.strictObject({ moveTo: Id.optional() });

/**
 * Tiptap JSON (`{ type: "doc", … }`, at most 100 KB as JSON: 422 `description: "too_long"`), or
 * null to clear. The API keeps only what the document schema knows (as for documents) and stores
 * an empty document as null; anything that is not a document answers `description: "invalid_document"`.
 */
export const TaskDescription = z
  .record(z.string(), z.unknown())
  .refine((v) => new TextEncoder().encode(JSON.stringify(v)).length <= MAX_DESCRIPTION_BYTES, {
    params: { code: "too_long" },
  });

const TaskFields = {
  title: NameText(300),
  description: TaskDescription.nullable(),
  assigneeIds: z.array(Id).max(MAX_TASK_ASSIGNEES),
  labelIds: z.array(Id).max(MAX_TASK_LABELS),
  startDate: CalendarDay.nullable(),
  dueDate: CalendarDay.nullable(),
  priority: TaskPriority,
  recurrence: Recurrence.nullable(),
};

/**
 * Field codes beyond the usual: start after due: `dueDate: "before_start"`; an assignee who is
 * not a project member: `assigneeIds: "not_a_member"`; a label of another project:
 * `labelIds: "not_found"`; a column of another board: `columnId: "not_found"`; `afterId`/`beforeId`
 * not in the target column: `"not_found"`; a repeat rule the API cannot use:
 * `recurrence: "invalid_recurrence"` (FREQ is required and must be DAILY, WEEKLY, MONTHLY or
 * YEARLY; no DTSTART, COUNT or time parts) or `"no_occurrences"` (it never repeats, e.g. UNTIL in the past).
 */
export const CreateTaskInput = z.strictObject({
  columnId: Id,
  title: TaskFields.title,
  description: TaskFields.description.optional(),
  assigneeIds: TaskFields.assigneeIds.optional(),
  labelIds: TaskFields.labelIds.optional(),
  startDate: TaskFields.startDate.optional(),
  dueDate: TaskFields.dueDate.optional(),
  priority: TaskFields.priority.optional(),
  recurrence: TaskFields.recurrence.optional(),
  /** Default: at the end of the column. */
  ...Placement,
});
export type CreateTaskInput = z.input<typeof CreateTaskInput>;

export const UpdateTaskInput = z
  .strictObject({
    title: TaskFields.title.optional(),
    description: TaskFields.description.optional(),
    assigneeIds: TaskFields.assigneeIds.optional(),
    labelIds: TaskFields.labelIds.optional(),
    startDate: TaskFields.startDate.optional(),
    dueDate: TaskFields.dueDate.optional(),
    priority: TaskFields.priority.optional(),
    recurrence: TaskFields.recurrence.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateTaskInput = z.input<typeof UpdateTaskInput>;

/**
 * Move a task to a column, between two of its tasks (by id: the server reads their current keys
 * under a lock, so concurrent moves never collide). `position` is optional: the key the client
 * computed from what it saw; used when it still lies between the neighbours and is free.
 */
export const MoveTaskInput = z.strictObject({
  columnId: Id,
  ...Placement,
  position: OrderKey.optional(),
});
export type MoveTaskInput = z.input<typeof MoveTaskInput>;
/** What a move answers: the card where it is now (the detail view refetches if it is open). */
export const TaskCardResponse = z.object({ task: Task });

/**
 * A project's label names are unique regardless of case (422 `name: "taken"`); a project has at
 * most MAX_PROJECT_LABELS (422 `name: "too_many"`).
 */
export const CreateLabelInput = z.strictObject({ name: NameText(40), color: LabelColor });
export type CreateLabelInput = z.input<typeof CreateLabelInput>;
export const UpdateLabelInput = z
  .strictObject({ name: NameText(40).optional(), color: LabelColor.optional() })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateLabelInput = z.input<typeof UpdateLabelInput>;
export const LabelResponse = z.object({ label: TaskLabel });
export const LabelList = z.object({ labels: z.array(TaskLabel) });

/** At most MAX_CHECKLIST_ITEMS per task (422 `text: "too_many"`). */
export const CreateChecklistItemInput = z.strictObject({ text: NameText(300), ...Placement });
export type CreateChecklistItemInput = z.input<typeof CreateChecklistItemInput>;
export const UpdateChecklistItemInput = z
  .strictObject({ text: NameText(300).optional(), done: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateChecklistItemInput = z.input<typeof UpdateChecklistItemInput>;
export const MoveChecklistItemInput = z.strictObject(Placement);
export type MoveChecklistItemInput = z.input<typeof MoveChecklistItemInput>;

export const TaskComment = z.object({
  id: z.string(),
  author: PersonRef.nullable(),
  body: z.string(),
  mentions: z.array(PersonRef),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type TaskComment = z.infer<typeof TaskComment>;
export const TaskCommentList = z.object({ comments: z.array(TaskComment) });
export const TaskCommentResponse = z.object({ comment: TaskComment });
export const CreateTaskCommentInput = z.strictObject({
  body: LongText(5000).pipe(z.string().min(1)),
  /** Project members mentioned with @ (anyone else: 422 `mentions: "not_a_member"`). */
  mentions: z.array(Id).max(20).optional(),
});
export type CreateTaskCommentInput = z.input<typeof CreateTaskCommentInput>;
export const UpdateTaskCommentInput = CreateTaskCommentInput;
export type UpdateTaskCommentInput = z.input<typeof UpdateTaskCommentInput>;

export const TaskActivityKind = z.enum([
  "created",
  "renamed",
  "moved",
  "assigned",
  "unassigned",
  "due_changed",
  "start_changed",
  "priority_changed",
  "labels_changed",
  "description_changed",
  "checklist_changed",
  "recurrence_changed",
  "completed",
  "reopened",
  "archived",
  "restored",
  "document_linked",
  "document_unlinked",
  "commented",
]);
export type TaskActivityKind = z.infer<typeof TaskActivityKind>;
export const TaskActivity = z.object({
  id: z.string(),
  kind: TaskActivityKind,
  actor: PersonRef.nullable(),
  at: z.string(),
  /**
   * What changed, by kind: moved {fromColumn, toColumn} (names); assigned/unassigned {person};
   * due_changed/start_changed {from, to}; priority_changed {from, to}; renamed {from, to};
   * checklist_changed {done, total}; labels_changed {added, removed} (names);
   * document_linked/unlinked {title}; created {fromTaskId?} (a repeat or a promoted checklist item).
   */
  data: z.record(z.string(), z.unknown()),
});
export type TaskActivity = z.infer<typeof TaskActivity>;
export const TaskActivityList = z.object({ activity: z.array(TaskActivity) });

/** "My tasks": open tasks assigned to the caller in every project they can read. */
export const MyTask = Task.extend({
  project: z.object({ id: z.string(), name: z.string() }),
  board: z.object({ id: z.string(), name: z.string() }),
  column: z.object({ id: z.string(), name: z.string(), isDone: z.boolean() }),
});
export type MyTask = z.infer<typeof MyTask>;
export const MyTaskList = z.object({ tasks: z.array(MyTask) });
