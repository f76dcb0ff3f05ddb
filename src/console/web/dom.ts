// A small element builder: every text goes in as text (never as HTML), so nothing a caller said or a
// record holds can become markup.
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    else if (name === "value" && "value" in el) (el as unknown as { value: string }).value = String(value);
    else if (name === "checked" && el instanceof HTMLInputElement) el.checked = value === true;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A field with its label (and hint), for forms. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hintEl = hint ? h("small", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

/** A <select> of [value, label] choices. */
export function select(name: string, choices: [string, string][], value?: string): HTMLSelectElement {
  return h("select", { name }, ...choices.map(([v, label]) => h("option", { value: v, selected: v === (value ?? "") }, label)));
}

/** A table with a caption (for screen readers), headings and rows; wide tables scroll inside their box. */
export function table(caption: string, headings: string[], rows: Child[][], className = ""): HTMLElement {
  return h(
    "div",
    { class: `table-wrap ${className}`, role: "region", "aria-label": caption, tabindex: 0 },
    h("table", null, h("caption", { class: "visually-hidden" }, caption), h("thead", null, h("tr", null, ...headings.map((x) => h("th", { scope: "col" }, x)))), h("tbody", null, ...rows.map((cells) => h("tr", null, ...cells.map((c) => h("td", null, c)))))),
  );
}

/** A message in a live region (errors, saved, busy). */
export function notice(kind: "error" | "ok" | "info", ...children: Child[]): HTMLElement {
  return h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, ...children);
}

/** A horizontal bar filled to a percentage (CSSOM, since the page's policy forbids style attributes). */
export function meter(percent: number, className = ""): HTMLElement {
  const fillEl = h("span", { class: "fill" });
  fillEl.style.width = `${Math.max(0, Math.min(100, percent)).toFixed(1)}%`;
  return h("span", { class: `bar ${className}`, "aria-hidden": "true" }, fillEl);
}
