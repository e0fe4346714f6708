/** The title and lines printed above the document. */
export interface PrintHeader {
  title: string;
  lines: string[];
}

/**
 * While printing (beforeprint → afterprint), marks the document's element as the one thing to
 * print and its ancestors as the path to it (print.css hides everything else and flattens the
 * layout around it), and puts a header with the title above it. Returns the cleanup.
 */
export function preparePrint(root: () => HTMLElement | null, header: () => PrintHeader): () => void {
  const marked: HTMLElement[] = [];
  let added: HTMLElement | null = null;

  function cleanup() {
    document.documentElement.removeAttribute("data-printing");
    for (const element of marked) {
      element.removeAttribute("data-print-root");
      element.removeAttribute("data-print-path");
    }
    marked.length = 0;
    added?.remove();
    added = null;
  }

  function before() {
    const element = root();
    if (!element) {
      return;
    }
    cleanup();
    document.documentElement.setAttribute("data-printing", "");
    element.setAttribute("data-print-root", "");
    marked.push(element);
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      node.setAttribute("data-print-path", "");
      marked.push(node);
    }
    const { title, lines } = header();
    const box = document.createElement("header");
    box.className = "print-header";
    const heading = document.createElement("h1");
    heading.textContent = title;
    box.append(heading);
    for (const line of lines) {
      const p = document.createElement("p");
      p.textContent = line;
      box.append(p);
    }
    document.body.prepend(box);
    added = box;
  }

  window.addEventListener("beforeprint", before);
  window.addEventListener("afterprint", cleanup);
  return () => {
    window.removeEventListener("beforeprint", before);
    window.removeEventListener("afterprint", cleanup);
    cleanup();
  };
}
