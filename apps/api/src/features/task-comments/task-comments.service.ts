import { randomUUID } from "node:crypto";
import { authorizeTask, authorizeTaskComment } from "@ensemble/access/authorize";
import { loadTaskSubject } from "@ensemble/access/load";
import { can, type TaskSubject } from "@ensemble/access/policy";
import type { CreateTaskCommentInput, TaskComment, UpdateTaskCommentInput } from "@ensemble/contracts/boards";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import * as tasks from "../tasks/tasks.service.ts";
import { taskMentionMail } from "./task-comments.mails.ts";
import { presentTaskComment } from "./task-comments.presenter.ts";
import * as repo from "./task-comments.repo.ts";

type CommentInput = z.output<typeof CreateTaskCommentInput>;
type CommentUpdate = z.output<typeof UpdateTaskCommentInput>;

/**
 * The mentioned people, once each; every one must be a member of the task's project (the people
 * the @ suggestions offer), else 422 `mentions: "not_a_member"`.
 */
async function checkMentions(tx: Db, projectId: string, mentions: readonly string[] | undefined) {
  const ids = [...new Set(mentions ?? [])];
  const members = await repo.projectMembersAmong(tx, projectId, ids);
  if (ids.some((id) => !members.has(id))) {
    throw new AppError("validation_failed", "Only members of the project can be mentioned.", {
      fields: { mentions: "not_a_member" },
    });
  }
  return ids;
}

async function present(db: Db, caller: Caller, task: TaskSubject, rows: repo.TaskCommentRow[]) {
  const names = await repo.namesOf(db, [...new Set(rows.flatMap((r) => r.mentions))]);
  return rows.map((r) => presentTaskComment(r, names, caller.actor, task));
}

async function presentOne(
  deps: AppDeps,
  caller: Caller,
  task: TaskSubject,
  id: string,
): Promise<TaskComment> {
  const row = await repo.findComment(deps.db, id);
  if (!row) {
    throw new AppError("not_found", "There is no such comment.");
  }
  const [comment] = await present(deps.db, caller, task, [row]);
  return comment as TaskComment;
}

/**
 * Mails each mentioned person (once, never the author, only who can still read the task) in
 * their own language, within the author's hourly mention budget (the one document comments
 * use). Runs after the commit and never throws: the comment is saved whatever happens to its
 * mails, and failures are logged.
 */
async function mailMentions(
  deps: AppDeps,
  caller: Caller,
  mention: { taskId: string; body: string; people: readonly string[] },
): Promise<void> {
  const author = caller.user;
  const people = [...new Set(mention.people)].filter((id) => id !== author.id);
  if (people.length === 0) {
    return;
  }
  const where = { author: author.id, task: mention.taskId };
  try {
    const heading = await repo.taskHeading(deps.db, mention.taskId);
    if (!heading) {
      return;
    }
    const base = deps.config.publicUrl.replace(/\/$/, "");
    const link = `${base}/projects/${heading.project_id}/boards/${heading.board_id}?task=${mention.taskId}`;
    for (const person of await repo.mailRecipients(deps.db, people)) {
      const actor = { userId: person.id };
      const task = await loadTaskSubject(deps.db, actor, mention.taskId);
      if (!task || !can(actor, "read", task)) {
        continue;
      }
      if (!(await deps.limits.mentionMail(author.id))) {
        deps.logger.warn(where, "mention mail budget spent: the comment is saved, no more mention mails");
        return;
      }
      try {
        await deps.mailer.send(
          taskMentionMail({
            to: person.email,
            name: person.display_name,
            locale: person.locale,
            author: author.display_name,
            taskTitle: heading.title,
            body: mention.body,
            link,
          }),
        );
      } catch (err) {
        deps.logger.error({ err, ...where, recipient: person.id }, "mention mail could not be sent");
      }
    }
  } catch (err) {
    deps.logger.error({ err, ...where }, "mention mails could not be prepared");
  }
}

/** A task's comments, oldest first (everyone who reads the task). */
export async function listComments(deps: AppDeps, caller: Caller, taskId: string): Promise<TaskComment[]> {
  const task = await authorizeTask(deps.db, caller.actor, "read", taskId);
  return present(deps.db, caller, task, await repo.listComments(deps.db, taskId));
}

/** Comments on a task (everyone who reads it, while the project is active); mentioned members get a mail. */
export async function createComment(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  input: CommentInput,
): Promise<TaskComment> {
  const id = randomUUID();
  const { task, mentions } = await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await tasks.openTask(tx, caller.actor, "comment", taskId);
    const mentions = await checkMentions(tx, subject.project.id, input.mentions);
    const now = deps.now();
    await repo.insertComment(tx, {
      id,
      task_id: taskId,
      author_id: caller.user.id,
      body: input.body,
      mentions,
      created_at: now,
    });
    await tasks.recordActivity(tx, [
      {
        task_id: taskId,
        actor_id: caller.user.id,
        kind: "commented",
        data: { commentId: id },
        created_at: now,
      },
    ]);
    changes.tasks.add(taskId);
    return { task: subject, mentions };
  });
  await mailMentions(deps, caller, { taskId, body: input.body, people: mentions });
  return presentOne(deps, caller, task, id);
}

/**
 * Opens a change of a comment: its task's project share-locked, the action checked on the
 * comment, the comment's row locked.
 */
async function openComment(tx: Db, caller: Caller, action: "edit" | "delete", id: string) {
  const head = await repo.commentHead(tx, id);
  if (!head) {
    throw new AppError("not_found", "There is no such comment.");
  }
  await repo.shareLockProject(tx, head.project_id);
  const subject = await authorizeTaskComment(tx, caller.actor, action, id);
  const current = await repo.lockComment(tx, id);
  if (!current) {
    throw new AppError("not_found", "There is no such comment.");
  }
  return { subject, current };
}

/**
 * Changes the text (and mentions) of one's own comment and stamps it edited; nothing changes
 * when both stay the same. Without `mentions` the people mentioned stay. Only people mentioned
 * anew must be members and only they get a mail.
 */
export async function updateComment(
  deps: AppDeps,
  caller: Caller,
  id: string,
  input: CommentUpdate,
): Promise<TaskComment> {
  const { task, added } = await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { subject, current } = await openComment(tx, caller, "edit", id);
    const mentions = input.mentions ? [...new Set(input.mentions)] : current.mentions;
    const before = new Set(current.mentions);
    const added = await checkMentions(
      tx,
      subject.task.project.id,
      mentions.filter((m) => !before.has(m)),
    );
    const same =
      input.body === current.body &&
      mentions.length === current.mentions.length &&
      mentions.every((m) => before.has(m));
    if (!same) {
      await repo.updateComment(tx, id, { body: input.body, mentions, edited_at: deps.now() });
      changes.tasks.add(current.task_id);
    }
    return { task: subject.task, added };
  });
  await mailMentions(deps, caller, { taskId: task.id, body: input.body, people: added });
  return presentOne(deps, caller, task, id);
}

/** Deletes a comment: its author, or a project lead or admin of the owning organisation as moderator. */
export async function deleteComment(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { current } = await openComment(tx, caller, "delete", id);
    await repo.deleteComment(tx, id);
    changes.tasks.add(current.task_id);
  });
}
