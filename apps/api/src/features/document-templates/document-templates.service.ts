import { randomUUID } from "node:crypto";
import { authorizeDocument, authorizeProject, authorizeTemplate } from "@ensemble/access/authorize";
import { loadNetworkSubject, loadOrganisationSubject } from "@ensemble/access/load";
import {
  type Actor,
  can,
  canSaveTemplate,
  type DocumentSubject,
  type NetworkSubject,
  type OrganisationSubject,
  type ProjectSubject,
  type TemplateSubject,
} from "@ensemble/access/policy";
import { readDocumentState } from "@ensemble/collab-core/storage";
import type {
  ContentLanguage,
  DocumentTemplate,
  SaveAsTemplateInput,
  TemplateTarget,
} from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { withoutComments } from "../documents/documents.content.ts";
import { builtinState, builtinTemplates } from "./document-templates.builtin.ts";
import { presentTemplate } from "./document-templates.presenter.ts";
import * as repo from "./document-templates.repo.ts";

type SaveInput = z.output<typeof SaveAsTemplateInput>;

const BUILTIN = "builtin:";

/** The template's owner as the caller relates to it (for what they may do with it). */
async function ownerFacts(
  deps: AppDeps,
  actor: Actor,
  rows: readonly repo.TemplateListRow[],
  projectNetwork: string | null,
): Promise<(row: repo.TemplateListRow) => TemplateSubject> {
  const roles = await repo.rolesIn(
    deps.db,
    actor.userId,
    rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])),
  );
  const network: NetworkSubject | null =
    projectNetwork && rows.some((r) => r.network_id)
      ? await loadNetworkSubject(deps.db, actor, projectNetwork)
      : null;
  return (row) => ({
    kind: "template",
    id: row.id,
    creator: row.created_by === actor.userId,
    owner:
      row.organisation_id !== null
        ? { kind: "organisation", id: row.organisation_id, role: roles.get(row.organisation_id) ?? null }
        : // a project offers only its own network's templates, so `network` is loaded whenever one is listed
          (network ?? {
            kind: "network",
            id: row.network_id ?? "",
            coordinatorId: "",
            coordinatorRole: null,
            partnerRoles: [],
          }),
  });
}

/**
 * The templates a project offers: the built-ins in the language asked for, then the saved
 * templates of its organisation, or of its network and the caller's partner organisations.
 */
export async function listTemplates(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  language: ContentLanguage,
): Promise<DocumentTemplate[]> {
  const project = await authorizeProject(deps.db, caller.actor, "read", projectId);
  const rows = await repo.listOffered(deps.db, project.owner, caller.user.id);
  const subjectOf = await ownerFacts(
    deps,
    caller.actor,
    rows,
    project.owner.kind === "network" ? project.owner.id : null,
  );
  return [
    ...builtinTemplates(language),
    ...rows.map((r) => presentTemplate(r, can(caller.actor, "delete", subjectOf(r)))),
  ];
}

/**
 * The first state of a document made from a template the project offers (a built-in in the
 * given language, or a saved one): 404 for any other id.
 */
export async function templateState(
  tx: Db,
  caller: Caller,
  project: ProjectSubject,
  templateId: string,
  language: ContentLanguage,
): Promise<Uint8Array> {
  if (templateId.startsWith(BUILTIN)) {
    const state = builtinState(templateId.slice(BUILTIN.length), language);
    if (state) {
      return state;
    }
  } else {
    const state = await repo.findOfferedState(tx, project.owner, caller.user.id, templateId);
    if (state) {
      return state;
    }
  }
  throw new AppError("not_found", "There is no such template.");
}

/** An organisation or network a template may belong to. */
type OwnerRef = { kind: "organisation" | "network"; id: string };

/** What saving for an owner comes to: allowed (with the owner's facts), or why not. */
type OwnerVerdict =
  | { ok: true; owner: OrganisationSubject | NetworkSubject }
  | { ok: false; code: "not_found" | "forbidden"; message: string };

/**
 * May the caller save this document as a template of `ref`? The one check behind both saving
 * and the list of targets, so the two never disagree: an owner the caller does not belong to is
 * not found (like the organisation or network itself); one they belong to but that takes no
 * part in the project (or a trashed document) is forbidden, by `canSaveTemplate`.
 */
async function judgeOwner(
  tx: Db,
  actor: Actor,
  document: DocumentSubject,
  ref: OwnerRef,
): Promise<OwnerVerdict> {
  const owner =
    ref.kind === "organisation"
      ? await loadOrganisationSubject(tx, actor, ref.id)
      : await loadNetworkSubject(tx, actor, ref.id);
  const belongs =
    owner && (owner.kind === "organisation" ? owner.role !== null : owner.partnerRoles.length > 0);
  if (!owner || !belongs) {
    return {
      ok: false,
      code: "not_found",
      message: ref.kind === "network" ? "There is no such network." : "There is no such organisation.",
    };
  }
  const projectOwner = document.project.owner;
  const ownerIsPartner =
    owner.kind === "organisation" && projectOwner.kind === "network"
      ? await repo.isPartner(tx, projectOwner.id, owner.id)
      : false;
  if (!canSaveTemplate(actor, document, owner, ownerIsPartner)) {
    return {
      ok: false,
      code: "forbidden",
      message: "You may not save templates for them from this document.",
    };
  }
  return { ok: true, owner };
}

/**
 * Where the caller may save this document as a template: of the owners that take part in its
 * project (its organisation, or its network and the caller's organisations among the network's
 * partners), those `judgeOwner` allows — the project's owner first, then by name.
 */
export async function templateTargets(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
): Promise<TemplateTarget[]> {
  return deps.db.transaction().execute(async (tx) => {
    const document = await authorizeDocument(tx, caller.actor, "read", documentId);
    const candidates = await repo.ownerCandidates(tx, document.project.owner, caller.user.id);
    const targets: TemplateTarget[] = [];
    for (const candidate of candidates) {
      if ((await judgeOwner(tx, caller.actor, document, candidate)).ok) {
        targets.push(candidate);
      }
    }
    return targets;
  });
}

/**
 * Saves a document's current content (without its comments) as a template of an organisation or
 * network, if `judgeOwner` allows it.
 */
export async function saveAsTemplate(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  input: SaveInput,
): Promise<DocumentTemplate> {
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    const document = await authorizeDocument(tx, caller.actor, "read", documentId);
    const verdict = await judgeOwner(tx, caller.actor, document, input.owner);
    if (!verdict.ok) {
      throw new AppError(verdict.code, verdict.message);
    }
    const { owner } = verdict;
    await repo.insertTemplate(tx, {
      id,
      organisation_id: owner.kind === "organisation" ? owner.id : null,
      network_id: owner.kind === "network" ? owner.id : null,
      name: input.name,
      description: input.description ?? "",
      state: withoutComments(await readDocumentState(tx, documentId)),
      created_by: caller.user.id,
      created_at: deps.now(),
    });
  });
  const row = await repo.findTemplate(deps.db, id);
  if (!row) {
    throw new AppError("not_found", "There is no such template.");
  }
  return presentTemplate(row, true);
}

/** Deletes a saved template (its owner's administrators, or whoever saved it while they belong). */
export async function deleteTemplate(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await authorizeTemplate(tx, caller.actor, "delete", id);
    await repo.deleteTemplate(tx, id);
  });
}
