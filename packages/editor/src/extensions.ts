import type { Extensions, MarkdownTokenizer, Node as TiptapNode } from "@tiptap/core";
import { flattenExtensions, Mark, mergeAttributes } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { ORDERED_LIST_MARKER_PATTERN, OrderedList, TaskItem, TaskList } from "@tiptap/extension-list";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";

/** Heading levels offered in documents (h1–h4). */
export const HEADING_LEVELS = [1, 2, 3, 4] as const;

const LINK_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];
const IMAGE_PROTOCOLS = ["http:", "https:"];

/** Whitespace and control characters browsers ignore inside a URL scheme ("java\tscript:"). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

function protocolOf(url: string): string | null {
  const compact = url.replace(IGNORED_IN_URL, "");
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return match?.[1] ? `${match[1].toLowerCase()}:` : null;
}

/** Is this a link target we keep: http(s), mailto or tel, nothing else (no javascript:, data:, relative). */
export function isSafeLinkHref(href: unknown): href is string {
  if (typeof href !== "string" || href.trim() === "") {
    return false;
  }
  const protocol = protocolOf(href);
  return protocol !== null && LINK_PROTOCOLS.includes(protocol);
}

/** Is this an image source we keep: http(s) URLs and `data:image/…` (never data:text/html, javascript: …). */
export function isSafeImageSrc(src: unknown): src is string {
  if (typeof src !== "string" || src.trim() === "") {
    return false;
  }
  const protocol = protocolOf(src);
  if (protocol === "data:") {
    return /^data:image\/[a-z0-9.+-]+[;,]/i.test(src.replace(IGNORED_IN_URL, ""));
  }
  return protocol !== null && IMAGE_PROTOCOLS.includes(protocol);
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    comment: {
      /** Marks the selection as commented in thread `threadId`. */
      setComment: (threadId: string) => ReturnType;
      /** Removes the marks of thread `threadId` from the whole document. */
      unsetComment: (threadId: string) => ReturnType;
    };
  }
}

/**
 * A comment on a text range: the thread lives in the API (`document_threads`), the range in the
 * document. Overlapping threads are allowed (the mark does not exclude itself), and typing at the
 * edge of a commented range does not extend it (inclusive false).
 */
export const CommentMark = Mark.create({
  name: "comment",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-comment-thread"),
        renderHTML: (attributes) => ({ "data-comment-thread": attributes.threadId }),
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: "span[data-comment-thread]",
        getAttrs: (element) => (element.getAttribute("data-comment-thread") ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { class: "comment-mark" }), 0];
  },
  addCommands() {
    return {
      setComment:
        (threadId) =>
        ({ commands }) =>
          commands.setMark(this.name, { threadId }),
      unsetComment:
        (threadId) =>
        ({ tr, state, dispatch }) => {
          const type = state.schema.marks[this.name];
          if (!type) {
            return false;
          }
          let found = false;
          state.doc.descendants((node, pos) => {
            for (const mark of node.marks) {
              if (mark.type === type && mark.attrs.threadId === threadId) {
                tr.removeMark(pos, pos + node.nodeSize, mark);
                found = true;
              }
            }
          });
          if (found && dispatch) {
            dispatch(tr);
          }
          return found;
        },
    };
  },
});

/** Images by URL (http/https/data:image only); uploads come with the files feature. */
const SafeImage = Image.extend({
  addAttributes() {
    const parent = this.parent?.() ?? {};
    return {
      ...parent,
      src: {
        default: null,
        parseHTML: (element) => {
          const src = element.getAttribute("src");
          return isSafeImageSrc(src) ? src : null;
        },
        renderHTML: (attributes) => (isSafeImageSrc(attributes.src) ? { src: attributes.src } : {}),
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: "img[src]",
        getAttrs: (element) => (isSafeImageSrc(element.getAttribute("src")) ? null : false),
      },
    ];
  },
}).configure({ inline: false, allowBase64: true });

/** The longest run of backticks in `text` (0 when it has none). */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  return longest;
}

/** A code block's language as a Markdown info string: one plain word ("ts", "c++", "shell-session") or nothing. */
function infoString(language: unknown): string {
  return typeof language === "string" && /^[\w#+.-]{1,40}$/.test(language) ? language : "";
}

function starterKitCodeBlock(): TiptapNode {
  const codeBlock = flattenExtensions([StarterKit]).find((extension) => extension.name === "codeBlock");
  if (codeBlock?.type !== "node") {
    throw new Error("StarterKit no longer brings the codeBlock node.");
  }
  return codeBlock as TiptapNode;
}

/**
 * StarterKit's code block, written to Markdown with a fence one backtick longer than the longest
 * backtick run in the code: with the stock three-backtick fence, a line of three backticks in the
 * code closed the block and the rest of the code (a `<script>` …) reached the export as raw HTML.
 * The language is kept only as a plain word, so it cannot end the fence line either.
 */
const SafeCodeBlock = starterKitCodeBlock().extend({
  renderMarkdown: (node, helpers) => {
    const code = node.content ? helpers.renderChildren(node.content) : "";
    const fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
    return `${fence}${infoString(node.attrs?.language)}\n${code}\n${fence}`;
  },
});

/**
 * Tiptap's block tokenizers for ordered lists, task lists and tables split the whole rest of the
 * Markdown into lines at every block they are asked about, so reading a file took time growing
 * with the square of its length (128 KB of headings: 7 s). Each is tried only where its block can
 * start, and a list is shown the source only up to the line that surely ends it. The guards accept
 * everything the tokenizers themselves accept (and a little more), and the cut comes at or after
 * the last line they read, so the result is unchanged.
 */
function guardTokenizer(
  tokenizer: MarkdownTokenizer | undefined,
  guard: {
    canStart: (src: string) => boolean;
    source?: (src: string) => string;
    start?: MarkdownTokenizer["start"];
  },
): MarkdownTokenizer {
  if (!tokenizer) {
    throw new Error("A list or table extension no longer brings its Markdown tokenizer.");
  }
  const { canStart, source = (src: string) => src, start } = guard;
  return {
    ...tokenizer,
    ...(start ? { start } : {}),
    tokenize: (src, tokens, lexer) =>
      canStart(src) ? tokenizer.tokenize(source(src), tokens, lexer) : undefined,
  };
}

/**
 * `src` up to and including the first line that ends any list starting at its beginning: a line
 * after a blank line that is neither indented nor a list item (`isItem` may accept more than the
 * list does; that only cuts later). Without such a line, all of `src`.
 */
function listSource(src: string, isItem: RegExp): string {
  let lineStart = 0;
  let previousBlank = false;
  while (lineStart < src.length) {
    const newline = src.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? src.length : newline;
    const line = src.slice(lineStart, lineEnd);
    const blank = line.trim() === "";
    if (previousBlank && !blank && !/^\s/.test(line) && !isItem.test(line)) {
      return src.slice(0, lineEnd);
    }
    previousBlank = blank;
    lineStart = lineEnd + 1;
  }
  return src;
}

const ORDERED_ITEM_START = new RegExp(`^\\s*(?:${ORDERED_LIST_MARKER_PATTERN})[.)]\\s`);
const TASK_ITEM_START = /^\s*[-+*]\s+\[[ xX]\]\s/;
const TABLE_DELIMITER_ROW = /^[ \t|:]*-[ \t|:-]*$/;

/** The first two lines of `src`, found without splitting the rest. */
function firstTwoLines(src: string): [string, string | undefined] {
  const firstEnd = src.indexOf("\n");
  if (firstEnd < 0) {
    return [src, undefined];
  }
  const secondEnd = src.indexOf("\n", firstEnd + 1);
  return [src.slice(0, firstEnd), src.slice(firstEnd + 1, secondEnd < 0 ? undefined : secondEnd)];
}

/** Whether the second line is a table's delimiter row (what Tiptap's table tokenizer checks first). */
function hasDelimiterRow(src: string): boolean {
  const [, second] = firstTwoLines(src);
  return second !== undefined && TABLE_DELIMITER_ROW.test(second) && second.includes("|");
}

const FastOrderedList = OrderedList.extend({
  markdownTokenizer: guardTokenizer(OrderedList.config.markdownTokenizer, {
    canStart: (src) => ORDERED_ITEM_START.test(src),
    source: (src) => listSource(src, ORDERED_ITEM_START),
  }),
});

const FastTaskList = TaskList.extend({
  markdownTokenizer: guardTokenizer(TaskList.config.markdownTokenizer, {
    canStart: (src) => TASK_ITEM_START.test(src),
    source: (src) => listSource(src, TASK_ITEM_START),
  }),
});

const FastTable = Table.extend({
  markdownTokenizer: guardTokenizer(Table.config.markdownTokenizer, {
    canStart: hasDelimiterRow,
    start: (src) => (hasDelimiterRow(src) && firstTwoLines(src)[0].includes("|") ? 0 : -1),
  }),
});

export interface DocumentExtensionOptions {
  /** The web editor adds Collaboration itself; Yjs brings its own undo, so StarterKit's is left out. */
  collaboration?: boolean;
  /** Text shown in an empty document (web editor only; no effect on the schema). */
  placeholder?: string;
  /** The checklist box's accessible name in the reader's language (web editor; no effect on the schema). */
  checkboxLabel?: (text: string, checked: boolean) => string;
}

/**
 * Checklist items whose box keeps the keyboard: Tiptap's own view moves focus into the text after
 * a tick, so the next Space typed a character (accessibility review). The box is named in the
 * reader's language and is disabled where the document is read-only, so it never looks operable
 * when it is not. Same node and schema as TaskItem.
 */
function accessibleTaskItem(checkboxLabel: DocumentExtensionOptions["checkboxLabel"]) {
  return TaskItem.extend({
    addNodeView() {
      return ({ node, HTMLAttributes, getPos, editor }) => {
        // the editor's own document (no DOM global needed where this file is only type-checked)
        const dom = editor.view.dom.ownerDocument;
        const item = dom.createElement("li");
        const wrapper = dom.createElement("label");
        const checkbox = dom.createElement("input");
        const content = dom.createElement("div");
        wrapper.contentEditable = "false";
        checkbox.type = "checkbox";
        const show = (current: typeof node) => {
          item.dataset.checked = String(current.attrs.checked);
          checkbox.checked = Boolean(current.attrs.checked);
          const text = current.textContent.trim();
          checkbox.setAttribute(
            "aria-label",
            checkboxLabel ? checkboxLabel(text, checkbox.checked) : `Task: ${text || "empty"}`,
          );
        };
        const syncEditable = () => {
          checkbox.disabled = !editor.isEditable;
        };
        checkbox.addEventListener("mousedown", (event: { preventDefault(): void }) => event.preventDefault());
        checkbox.addEventListener("change", () => {
          const position = typeof getPos === "function" ? getPos() : undefined;
          if (!editor.isEditable || typeof position !== "number") {
            checkbox.checked = !checkbox.checked;
            return;
          }
          const checked = checkbox.checked;
          // no .focus(): the box keeps the keyboard
          editor
            .chain()
            .command(({ tr }) => {
              const current = tr.doc.nodeAt(position);
              tr.setNodeMarkup(position, undefined, { ...current?.attrs, checked });
              return true;
            })
            .run();
        });
        for (const [key, value] of Object.entries({ ...this.options.HTMLAttributes, ...HTMLAttributes })) {
          item.setAttribute(key, String(value));
        }
        show(node);
        syncEditable();
        editor.on("transaction", syncEditable);
        wrapper.append(checkbox);
        item.append(wrapper, content);
        return {
          dom: item,
          contentDOM: content,
          update: (updated) => {
            if (updated.type !== this.type) {
              return false;
            }
            show(updated);
            syncEditable();
            return true;
          },
          destroy: () => {
            editor.off("transaction", syncEditable);
          },
        };
      };
    },
  });
}

/**
 * The one list of Tiptap extensions for documents: the web editor (plus Collaboration and its
 * caret) and the server (conversion, templates, export) build the same schema from it, so no
 * content is dropped on either side. Safe to import in Node (nothing touches the DOM at import).
 */
export function documentExtensions(options: DocumentExtensionOptions = {}): Extensions {
  const extensions: Extensions = [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      // replaced by SafeCodeBlock (same node, safe Markdown fences)
      codeBlock: false,
      // replaced by FastOrderedList (same node, Markdown read in linear time)
      orderedList: false,
      undoRedo: options.collaboration ? false : {},
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        protocols: [],
        isAllowedUri: (url) => isSafeLinkHref(url),
        shouldAutoLink: (url) => isSafeLinkHref(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
      },
    }),
    SafeCodeBlock,
    FastOrderedList,
    FastTaskList,
    accessibleTaskItem(options.checkboxLabel).configure({ nested: true }),
    FastTable.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    SafeImage,
    CharacterCount,
    CommentMark,
  ];
  if (options.placeholder !== undefined) {
    extensions.push(Placeholder.configure({ placeholder: options.placeholder }));
  }
  return extensions;
}
