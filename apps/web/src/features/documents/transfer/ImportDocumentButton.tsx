import { type Document, DocumentResponse } from "@ensemble/contracts/documents";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { describedByFor, FieldFrame } from "../../../components/FieldFrame.tsx";
import { LiveText } from "../../../components/StatusMessage.tsx";
import { currentLanguage } from "../../../i18n/i18n.ts";
import { ApiError, api, asApiError } from "../../../lib/api.ts";
import { errorMessage } from "../../../lib/errors.ts";
import { useFocusAfterRender } from "../../../lib/useFocusAfterRender.ts";
import { projectDocumentsKey } from "../documents.queries.ts";
import { FormDialog } from "../FormDialog.tsx";
import {
  fileProblem,
  formatFileSize,
  IMPORT_ACCEPT,
  importFilename,
  importFormat,
  postJsonWithProgress,
  readAsBase64,
} from "./transfer.files.ts";
import "./transfer.css";

/** Where an import is: the file is read, sent, converted on the server, done. */
type Stage =
  | { kind: "idle" }
  | { kind: "reading"; fraction: number }
  | { kind: "uploading"; fraction: number }
  | { kind: "converting" }
  | { kind: "done"; title: string };

/** The share of the whole bar each stage reaches (reading is quick, the upload takes longest). */
function percentOf(stage: Stage): number {
  switch (stage.kind) {
    case "idle":
      return 0;
    case "reading":
      return Math.round(stage.fraction * 15);
    case "uploading":
      return 15 + Math.round(stage.fraction * 75);
    case "converting":
      return 92;
    case "done":
      return 100;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

interface ImportDocumentButtonProps {
  projectId: string;
  /** The folder the new document goes into (the one shown), or null for the top level. */
  folderId?: string | null | undefined;
  /** Called with the new document (e.g. to open it). */
  onImported(document: Document): void;
}

/**
 * "Import": a button that opens a dialog to pick a Markdown or Word file (at most 4 MB); the file is
 * read, base64-encoded and sent to the API, which makes a new document of it. A progress bar
 * shows each stage (reading, uploading with its percentage, converting), stage changes are
 * announced, and problems are explained at the file field.
 */
export function ImportDocumentButton({ projectId, folderId = null, onImported }: ImportDocumentButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);
  const abortRef = useRef<AbortController | null>(null);

  function close() {
    abortRef.current?.abort();
    setOpen(false);
  }

  return (
    <>
      <Button variant="secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t("documentTransfer.import.button")}
      </Button>
      <FormDialog open={open} title={t("documentTransfer.import.title")} busy={running} onCancel={close}>
        <ImportForm
          projectId={projectId}
          folderId={folderId}
          abortRef={abortRef}
          onRunningChange={setRunning}
          onCancel={close}
          onDone={(document) => {
            setOpen(false);
            onImported(document);
          }}
        />
      </FormDialog>
    </>
  );
}

function ImportForm({
  projectId,
  folderId,
  abortRef,
  onRunningChange,
  onCancel,
  onDone,
}: {
  projectId: string;
  folderId: string | null;
  abortRef: { current: AbortController | null };
  onRunningChange(running: boolean): void;
  onCancel(): void;
  onDone(document: Document): void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const progressId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const focusInput = useFocusAfterRender(inputRef);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const running = stage.kind !== "idle" && stage.kind !== "done";

  useEffect(() => onRunningChange(running), [running, onRunningChange]);
  useEffect(() => () => abortRef.current?.abort(), [abortRef]);

  function fail(message: string) {
    setStage({ kind: "idle" });
    setError(message);
    // after the render that enables the input again (a disabled input takes no focus)
    focusInput();
  }

  async function run(chosen: File) {
    const format = importFormat(chosen.name);
    if (!format) {
      fail(t("documentTransfer.import.error.wrongType"));
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    setError(null);
    setStage({ kind: "reading", fraction: 0 });
    let content: string;
    try {
      content = await readAsBase64(
        chosen,
        (fraction) => setStage({ kind: "reading", fraction }),
        controller.signal,
      );
    } catch (cause) {
      if (!isAbort(cause)) {
        fail(t("documentTransfer.import.error.readFailed"));
      }
      return;
    }
    setStage({ kind: "uploading", fraction: 0 });
    try {
      const path = api.projects[":id"].documents.import.$path({ param: { id: projectId } });
      const answer = await postJsonWithProgress(
        path,
        { format, filename: importFilename(chosen.name), content, folderId },
        (fraction) => setStage(fraction >= 1 ? { kind: "converting" } : { kind: "uploading", fraction }),
        controller.signal,
      );
      const parsed = DocumentResponse.safeParse(answer);
      if (!parsed.success) {
        throw new ApiError({ status: 201, code: "unexpected_response", message: "Unreadable answer" });
      }
      const { document } = parsed.data;
      setStage({ kind: "done", title: document.title });
      void queryClient.invalidateQueries({ queryKey: projectDocumentsKey(projectId) });
      onDone(document);
    } catch (cause) {
      if (isAbort(cause)) {
        return;
      }
      // what the server found wrong with the file itself, in words about the file
      const problem = asApiError(cause).fields.content;
      if (problem === "unreadable_file") {
        fail(t("documentTransfer.import.error.unreadable"));
      } else if (problem === "too_long" || problem === "too_big") {
        fail(
          t("documentTransfer.import.error.tooLarge", {
            size: formatFileSize(chosen.size, currentLanguage()),
          }),
        );
      } else {
        fail(`${t("documentTransfer.import.error.failed")} ${errorMessage(t, cause)}`);
      }
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (running) {
      return;
    }
    if (!file) {
      fail(t("documentTransfer.import.error.noFile"));
      return;
    }
    const problem = fileProblem(file);
    if (problem === "tooLarge") {
      fail(
        t("documentTransfer.import.error.tooLarge", { size: formatFileSize(file.size, currentLanguage()) }),
      );
      return;
    }
    if (problem) {
      fail(t(`documentTransfer.import.error.${problem}`));
      return;
    }
    void run(file);
  }

  let stageText: string | null = null;
  switch (stage.kind) {
    case "reading":
      stageText = t("documentTransfer.import.stage.reading");
      break;
    case "uploading":
      stageText = t("documentTransfer.import.stage.uploadingPercent", {
        percent: Math.round(stage.fraction * 100),
      });
      break;
    case "converting":
      stageText = t("documentTransfer.import.stage.converting");
      break;
    case "done":
      stageText = t("documentTransfer.import.stage.done", { title: stage.title });
      break;
    default:
      break;
  }
  // Announced once per stage, not at every percent.
  const announced =
    stage.kind === "uploading"
      ? t("documentTransfer.import.stage.uploading")
      : stage.kind === "idle"
        ? null
        : stageText;
  const hint = t("documentTransfer.import.hint");

  return (
    <form className="import-form" noValidate onSubmit={onSubmit}>
      <FieldFrame
        id={inputId}
        label={t("documentTransfer.import.file")}
        required
        hint={hint}
        error={error ?? undefined}
      >
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={IMPORT_ACCEPT}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByFor(inputId, hint, error ?? undefined)}
          disabled={running}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
        />
      </FieldFrame>
      {stage.kind !== "idle" ? (
        <div className="import-progress">
          <label className="import-progress__label" htmlFor={progressId}>
            {t("documentTransfer.import.progress")}
          </label>
          <progress
            id={progressId}
            max={100}
            value={percentOf(stage)}
            aria-valuetext={stageText ?? undefined}
          />
          <p className="import-progress__stage" aria-hidden="true">
            {stageText}
          </p>
        </div>
      ) : null}
      <LiveText text={announced} announceKey={stage.kind} className="visually-hidden" />
      <div className="form__actions">
        <Button type="submit" busy={running || stage.kind === "done"}>
          {t("documentTransfer.import.submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("app.cancel")}
        </Button>
      </div>
    </form>
  );
}
