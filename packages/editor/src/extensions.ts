import type { Extensions } from "@tiptap/core";
import { Mark, mergeAttributes } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { TaskItem, TaskList } from "@tiptap/extension-list";
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

export interface DocumentExtensionOptions {
  /** The web editor adds Collaboration itself; Yjs brings its own undo, so StarterKit's is left out. */
  collaboration?: boolean;
  /** Text shown in an empty document (web editor only; no effect on the schema). */
  placeholder?: string;
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
    TaskList,
    TaskItem.configure({ nested: true }),
    Table.configure({ resizable: false }),
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
