import type { BoardColumn, BoardResponse, MyTask, Task } from "@ensemble/contracts/boards";

/** A task card for tests, with every field set to something plain. */
export function card(overrides: Partial<Task> & { id: string }): Task {
  return {
    projectId: "p1",
    boardId: "b1",
    columnId: "c1",
    position: "a0",
    title: `Task ${overrides.id}`,
    priority: "none",
    startDate: null,
    dueDate: null,
    assignees: [],
    labelIds: [],
    checklist: { done: 0, total: 0 },
    commentCount: 0,
    hasDescription: false,
    recurrence: null,
    completedAt: null,
    archivedAt: null,
    createdAt: "2026-01-01T10:00:00.000Z",
    updatedAt: "2026-01-01T10:00:00.000Z",
    ...overrides,
  };
}

/** A column for tests. */
export function column(id: string, position: string, overrides: Partial<BoardColumn> = {}): BoardColumn {
  return { id, name: `Column ${id}`, position, wipLimit: null, isDone: false, ...overrides };
}

/** A "my tasks" entry for tests. */
export function myTask(overrides: Partial<MyTask> & { id: string }): MyTask {
  return {
    ...card(overrides),
    project: { id: "p1", name: "Festival" },
    board: { id: "b1", name: "Planung" },
    column: { id: "c1", name: "Offen", isDone: false },
    ...overrides,
  };
}

/** A board of project p1 with two columns (c1, c2) holding `tasks`, for tests. */
export function boardWith(tasks: Task[], id = "b1"): BoardResponse {
  return {
    board: {
      id,
      projectId: "p1",
      name: "Planung",
      position: "a0",
      openTasks: tasks.length,
      createdAt: "2026-01-01T10:00:00.000Z",
      updatedAt: "2026-01-01T10:00:00.000Z",
      project: { id: "p1", name: "Festival", state: "active" },
      columns: [column("c1", "a0"), column("c2", "a1")],
      labels: [],
      members: [],
      abilities: { edit: true, manage: true, comment: true },
    },
    tasks,
  };
}
