import { z } from "zod";
import { Task } from "./boards.ts";

/**
 * The live event stream (`GET /api/events`, Server-Sent Events): one per signed-in client. Each
 * SSE message has `id:` (the event's id, increasing), `event:` (its type) and `data:` (this
 * envelope as JSON). A reconnecting client sends `Last-Event-ID` (the browser's EventSource does
 * it by itself) and gets every event after it that it may read. When it was away longer than the
 * retention window, it gets one `stream.reset` first and reloads what it shows.
 *
 * Events say what changed, with enough to update a view in place where that is cheap (a task),
 * or just which thing changed (the client refetches it). The server sends a client only events
 * about things it may read at the moment of sending.
 */

const base = {
  /** The event's id (a decimal number as text; compare as BigInt or by length then text). */
  id: z.string(),
  at: z.string(),
  /** Who caused it (null: the system, e.g. a recurring task created on schedule). */
  actorId: z.string().nullable(),
};

export const BoardChangedEvent = z.object({
  ...base,
  type: z.literal("board.changed"),
  /** The board's name, columns or the project's labels changed: refetch the board. */
  data: z.object({ projectId: z.string(), boardId: z.string() }),
});
export const BoardRemovedEvent = z.object({
  ...base,
  type: z.literal("board.removed"),
  data: z.object({ projectId: z.string(), boardId: z.string() }),
});
export const TaskChangedEvent = z.object({
  ...base,
  type: z.literal("task.changed"),
  /** Created, edited, moved, archived or restored: the task as it is now. */
  data: z.object({ projectId: z.string(), boardId: z.string(), task: Task }),
});
export const TaskRemovedEvent = z.object({
  ...base,
  type: z.literal("task.removed"),
  data: z.object({ projectId: z.string(), boardId: z.string(), taskId: z.string() }),
});
export const DocumentCommentsChangedEvent = z.object({
  ...base,
  type: z.literal("document.comments.changed"),
  /** A thread or comment of the document was added, edited, resolved or deleted: refetch them. */
  data: z.object({ projectId: z.string(), documentId: z.string() }),
});
export const StreamResetEvent = z.object({
  ...base,
  type: z.literal("stream.reset"),
  /** The client was away longer than the retention window: reload everything shown. */
  data: z.object({}),
});

/**
 * `GET /api/events?after=<id>`: where to resume, for clients that cannot send `Last-Event-ID`
 * (a new EventSource after a refused connection). The header wins when both are sent: the
 * browser's automatic reconnect sends it, while the URL still carries the first position.
 */
export const EventStreamQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});
export type EventStreamQuery = z.input<typeof EventStreamQuery>;

export const LiveEvent = z.discriminatedUnion("type", [
  BoardChangedEvent,
  BoardRemovedEvent,
  TaskChangedEvent,
  TaskRemovedEvent,
  DocumentCommentsChangedEvent,
  StreamResetEvent,
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent["type"];
/** The data of one event type. */
export type LiveEventData<T extends LiveEventType> = Extract<LiveEvent, { type: T }>["data"];
