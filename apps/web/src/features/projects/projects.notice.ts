/** A message the projects list shows after a project page sent the user there. */
export interface ProjectsNotice {
  kind: "left" | "trashed";
  name: string;
}

/** The notice in a location's state (`{ projectsNotice }`), if there is a well-formed one. */
export function noticeFromState(state: unknown): ProjectsNotice | null {
  if (typeof state !== "object" || state === null || !("projectsNotice" in state)) {
    return null;
  }
  const notice: unknown = state.projectsNotice;
  if (typeof notice !== "object" || notice === null || !("kind" in notice) || !("name" in notice)) {
    return null;
  }
  const { kind, name } = notice;
  if ((kind !== "left" && kind !== "trashed") || typeof name !== "string") {
    return null;
  }
  return { kind, name };
}
