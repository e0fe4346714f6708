import type { JSONContent } from "@tiptap/core";
import type { ILevelsOptions, IRunOptions, ParagraphChild } from "docx";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { isSafeImageSrc } from "./extensions.ts";
import { toValidDocument } from "./sanitize.ts";
import { hasTitleHeading } from "./schema.ts";

/** Paragraph and character styles shared with the importer's style map (docx-import.ts). */
export const DOCX_STYLES = {
  quote: { id: "Quote", name: "Quote" },
  codeBlock: { id: "CodeBlock", name: "Code Block" },
  inlineCode: { id: "InlineCode", name: "Inline Code" },
} as const;

/** Task items start with these boxes; the importer turns such list items back into tasks. */
export const TASK_OPEN = "☐";
export const TASK_DONE = "☑";

const MONOSPACE = "Courier New";
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];
/** Widest image on an A4 page with 2.5 cm margins, in pixels at 96 dpi. */
const MAX_IMAGE_WIDTH = 600;

type Block = Paragraph | Table;

interface ListContext {
  reference: string;
  level: number;
  instance?: number;
}

interface Context {
  /** The list the current paragraph belongs to, if any. */
  list?: ListContext;
  /** Paragraph style for quotes. */
  style?: string;
  /** Indentation for paragraphs that continue a list item, in twips. */
  indent?: number;
}

function levels(format: "bullet" | "decimal" | "none", start = 1): ILevelsOptions[] {
  const bullets = ["•", "◦", "▪"];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === "decimal" ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: format === "decimal" ? `%${level + 1}.` : format === "bullet" ? (bullets[level % 3] ?? "•") : "",
    start: level === 0 ? start : 1,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: format === "none" ? 0 : 360 } } },
  }));
}

/** Builds the Word document; list numbering definitions are collected while walking. */
class DocxWriter {
  private readonly numbering = new Map<string, ILevelsOptions[]>([
    ["bullets", levels("bullet")],
    ["tasks", levels("none")],
  ]);
  private nextInstance = 1;

  numberingConfig() {
    return [...this.numbering].map(([reference, config]) => ({ reference, levels: config }));
  }

  blocks(nodes: JSONContent[] | undefined, context: Context): Block[] {
    return (nodes ?? []).flatMap((node) => this.block(node, context));
  }

  private paragraph(
    children: ParagraphChild[],
    context: Context,
    extra: { heading?: number } = {},
  ): Paragraph {
    const heading = extra.heading !== undefined ? HEADINGS[extra.heading - 1] : undefined;
    return new Paragraph({
      children,
      ...(heading ? { heading } : {}),
      ...(context.style ? { style: context.style } : {}),
      ...(context.list
        ? {
            numbering: {
              reference: context.list.reference,
              level: context.list.level,
              ...(context.list.instance !== undefined ? { instance: context.list.instance } : {}),
            },
          }
        : {}),
      ...(!context.list && context.indent ? { indent: { left: context.indent } } : {}),
    });
  }

  private block(node: JSONContent, context: Context): Block[] {
    switch (node.type) {
      case "paragraph":
        return [this.paragraph(this.inline(node.content), context)];
      case "heading":
        return [
          this.paragraph(this.inline(node.content), context, { heading: Number(node.attrs?.level ?? 1) }),
        ];
      case "blockquote":
        return this.blocks(node.content, { ...context, style: DOCX_STYLES.quote.id });
      case "codeBlock": {
        const code = (node.content ?? []).map((child) => child.text ?? "").join("");
        return code.split("\n").map(
          (line) =>
            new Paragraph({
              style: DOCX_STYLES.codeBlock.id,
              children: [new TextRun({ text: line })],
              ...(context.indent ? { indent: { left: context.indent } } : {}),
            }),
        );
      }
      case "horizontalRule":
        return [
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } },
          }),
        ];
      case "bulletList":
        return this.list(node, context, { reference: "bullets" });
      case "orderedList": {
        const start = Number(node.attrs?.start ?? 1);
        const reference = start === 1 ? "ordered" : `ordered-${start}`;
        if (!this.numbering.has(reference)) {
          this.numbering.set(reference, levels("decimal", start));
        }
        return this.list(node, context, { reference, instance: this.nextInstance++ });
      }
      case "taskList":
        return this.list(node, context, { reference: "tasks" });
      case "table":
        return [this.table(node)];
      case "image":
        return [this.paragraph(this.image(node), context)];
      default:
        return [];
    }
  }

  private list(node: JSONContent, context: Context, list: { reference: string; instance?: number }): Block[] {
    const level = context.list ? context.list.level + 1 : 0;
    const itemContext: Context = {
      ...context,
      list: { ...list, level: Math.min(level, 8) },
    };
    return (node.content ?? []).flatMap((item) => {
      const [first, ...rest] = item.content ?? [];
      const box =
        item.type === "taskItem"
          ? [new TextRun({ text: `${item.attrs?.checked ? TASK_DONE : TASK_OPEN} ` })]
          : [];
      const head =
        first?.type === "paragraph"
          ? [this.paragraph([...box, ...this.inline(first.content)], itemContext)]
          : [];
      const { list: _outer, ...outside } = context;
      const continuation: Context = { ...outside, indent: 720 * (level + 1) };
      const body = rest.flatMap((child) =>
        child.type === "bulletList" || child.type === "orderedList" || child.type === "taskList"
          ? this.block(child, itemContext)
          : this.block(child, continuation),
      );
      return [...head, ...body];
    });
  }

  private table(node: JSONContent): Table {
    const rows = (node.content ?? []).map((row, index) => {
      const cells = (row.content ?? []).map((cell) => {
        const header = cell.type === "tableHeader";
        const children = this.blocks(cell.content, {});
        const colspan = Number(cell.attrs?.colspan ?? 1);
        const rowspan = Number(cell.attrs?.rowspan ?? 1);
        return new TableCell({
          children: children.length > 0 ? children : [new Paragraph({ children: [] })],
          ...(colspan > 1 ? { columnSpan: colspan } : {}),
          ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
          ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "EFEFEF" } } : {}),
          margins: { top: 60, bottom: 60, left: 100, right: 100 },
        });
      });
      const allHeaders = (row.content ?? []).every((cell) => cell.type === "tableHeader");
      // Only say it when true: mammoth reads any tblHeader element as a header row.
      return new TableRow({ children: cells, ...(index === 0 && allHeaders ? { tableHeader: true } : {}) });
    });
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
  }

  private image(node: JSONContent): ParagraphChild[] {
    const src = node.attrs?.src;
    const alt = typeof node.attrs?.alt === "string" ? node.attrs.alt : "";
    if (!isSafeImageSrc(src)) {
      return alt ? [new TextRun({ text: alt })] : [];
    }
    const embedded = embeddableImage(src);
    if (embedded) {
      const scale = Math.min(1, MAX_IMAGE_WIDTH / embedded.width);
      return [
        new ImageRun({
          type: embedded.type,
          data: embedded.data,
          transformation: {
            width: Math.round(embedded.width * scale),
            height: Math.round(embedded.height * scale),
          },
          altText: { name: alt || "image", description: alt, title: alt },
        }),
      ];
    }
    // Remote images are linked, not fetched: the server never loads a URL a document names.
    return [
      new ExternalHyperlink({ link: src, children: [new TextRun({ text: alt || src, style: "Hyperlink" })] }),
    ];
  }

  private inline(nodes: JSONContent[] | undefined): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    let link: { href: string; runs: TextRun[] } | null = null;
    const flush = () => {
      if (link) {
        children.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
        link = null;
      }
    };
    for (const node of nodes ?? []) {
      if (node.type === "hardBreak") {
        const run = new TextRun({ break: 1 });
        if (link) {
          link.runs.push(run);
        } else {
          children.push(run);
        }
        continue;
      }
      if (node.type !== "text" || !node.text) {
        continue;
      }
      const marks = node.marks ?? [];
      const href = marks.find((mark) => mark.type === "link")?.attrs?.href;
      const options: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = { text: node.text };
      for (const mark of marks) {
        if (mark.type === "bold") {
          options.bold = true;
        } else if (mark.type === "italic") {
          options.italics = true;
        } else if (mark.type === "underline") {
          options.underline = {};
        } else if (mark.type === "strike") {
          options.strike = true;
        } else if (mark.type === "code") {
          options.style = DOCX_STYLES.inlineCode.id;
        }
      }
      if (typeof href === "string") {
        options.style ??= "Hyperlink";
        if (link && link.href !== href) {
          flush();
        }
        link ??= { href, runs: [] };
        link.runs.push(new TextRun(options));
        continue;
      }
      flush();
      children.push(new TextRun(options));
    }
    flush();
    return children;
  }
}

interface EmbeddableImage {
  type: "png" | "jpg" | "gif";
  data: Uint8Array;
  width: number;
  height: number;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}

/** The pixel size of a PNG, GIF or JPEG, read from its header (null when it is none of those). */
export function imageSize(
  bytes: Uint8Array,
): { type: "png" | "jpg" | "gif"; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { type: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return { type: "gif", width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) {
        return null;
      }
      const marker = bytes[offset + 1] ?? 0;
      const length = view.getUint16(offset + 2);
      // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: "jpg", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return null;
}

function embeddableImage(src: string): EmbeddableImage | null {
  const match = /^data:image\/(png|jpe?g|gif);base64,([a-z0-9+/=\s]+)$/i.exec(src.trim());
  if (!match?.[2]) {
    return null;
  }
  try {
    const data = base64ToBytes(match[2].replace(/\s/g, ""));
    const size = imageSize(data);
    if (!size || size.width === 0 || size.height === 0) {
      return null;
    }
    return { ...size, data };
  } catch {
    return null;
  }
}

/** A Word document (.docx): the title as property (and first heading if the document has no h1), comments left out. */
export async function documentToDocx(json: JSONContent, title: string): Promise<Uint8Array> {
  const doc = toValidDocument(json).toJSON() as JSONContent;
  const writer = new DocxWriter();
  const startsWithTitle = hasTitleHeading(doc);
  const children: Block[] = [
    ...(startsWithTitle
      ? []
      : [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] })]),
    ...writer.blocks(doc.content, {}),
  ];
  const document = new Document({
    title,
    creator: "Ensemble",
    styles: {
      default: { document: { run: { font: "Calibri", size: 22 } } },
      paragraphStyles: [
        {
          ...DOCX_STYLES.quote,
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { italics: true, color: "444444" },
          paragraph: {
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "BBBBBB", space: 8 } },
          },
        },
        {
          ...DOCX_STYLES.codeBlock,
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: MONOSPACE, size: 19 },
          paragraph: {
            spacing: { before: 0, after: 0 },
            shading: { type: ShadingType.CLEAR, fill: "F3F3F3" },
          },
        },
      ],
      characterStyles: [
        { ...DOCX_STYLES.inlineCode, basedOn: "DefaultParagraphFont", run: { font: MONOSPACE } },
      ],
    },
    // Complete only now: the walk above registered every list's numbering.
    numbering: { config: writer.numberingConfig() },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
