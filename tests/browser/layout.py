"""Checks of a page's layout run inside Chromium: text that overflows its box or is cut.

`cut_text(page)` lists what a visitor cannot read whole, or reads broken: a box that clips or
scrolls its text (overflow hidden, clip, auto or scroll, or an ellipsis) holding more than it
shows, a menu whose chosen option is wider than the menu (measured with a canvas in the menu's
font), a text box whose placeholder or value is wider than the box, anything that reaches past
the right edge of the screen, a label of a few words (a button, a link in a form or a menu)
broken over two lines, and a check box's label whose second line starts under the box.
"""

# One entry per offender: {"what", "where" (a CSS path), "text", "detail"}.
CUT_TEXT = r"""(screen) => {
  const problems = [];
  // A mobile browser widens its layout viewport (innerWidth) to fit content that overflows:
  // the screen's own width is the measure.
  const width = Math.min(window.innerWidth, screen);
  const canvas = document.createElement("canvas").getContext("2d");

  const path = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && node !== document.body; ) {
      let part = node.localName;
      if (node.id) { parts.unshift(`${part}#${node.id}`); break; }
      const classes = [...node.classList].slice(0, 2).map((c) => `.${c}`).join("");
      const parent = node.parentElement;
      const same = parent ? [...parent.children].filter((c) => c.localName === node.localName) : [];
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      parts.unshift(part + classes);
      node = parent;
    }
    return parts.join(" > ");
  };
  const text = (el) => {
    const shown = el.localName === "select" ? "" : el.innerText || el.value || el.textContent;
    return (shown || "").replace(/\s+/g, " ").trim().slice(0, 80);
  };
  const px = (value) => parseFloat(value) || 0;
  // Visible to a sighted visitor: rendered, not hidden, larger than the 1-pixel boxes of
  // text meant for screen readers only.
  const seen = (el, box, style) =>
    box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.display !== "none"
    && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const textWidth = (string, style) => {
    canvas.font = style.font || `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    canvas.letterSpacing = style.letterSpacing === "normal" ? "0px" : style.letterSpacing;
    return canvas.measureText(string).width;
  };
  // The width a menu keeps for its arrow: an empty copy of it, sized by its content.
  const arrowWidth = (select) => {
    const copy = select.cloneNode(false);
    copy.removeAttribute("id");
    copy.style.cssText +=
      ";width:auto;min-width:0;max-width:none;position:absolute;visibility:hidden";
    copy.append(new Option(""));
    select.parentElement.append(copy);
    const style = getComputedStyle(copy);
    const room = copy.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    copy.remove();
    return room;
  };
  const TEXT_BOXES = ["search", "text", "email", "password", "url", "tel", ""];
  const needs = (needed, room) => `needs ${Math.round(needed)} px, has ${Math.round(room)}`;
  // The boxes of an element's text, line by line, in reading order.
  const textBoxes = (el) => {
    const boxes = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNode(node);
      boxes.push(...[...range.getClientRects()].filter((rect) => rect.width >= 1));
    }
    return boxes;
  };
  const lineCount = (el) => {
    const tops = [];
    for (const box of textBoxes(el)) {
      if (!tops.some((top) => Math.abs(top - box.top) < box.height / 2)) tops.push(box.top);
    }
    return tops.length;
  };
  const SHORT_LABELS = "button, summary, nav a, form a, label";
  const report = (el, what, detail) =>
    problems.push({what, where: path(el), text: text(el), detail});

  const beyond = new Set();
  const clipping = new Set();
  const clippedBy = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      if (clipping.has(node)) return true;
    }
    return false;
  };
  const page = document.documentElement;
  if (page.scrollWidth > width || window.innerWidth > screen) {
    problems.push({what: "page scrolls sideways", where: "html", text: "",
                   detail: `scrollWidth ${page.scrollWidth}, innerWidth ${window.innerWidth}, `
                           + `screen ${screen}`});
  }
  for (const el of [document.body, ...document.body.querySelectorAll("*")]) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!seen(el, box, style)) continue;
    const clips = ["hidden", "clip", "auto", "scroll"].includes(style.overflowX)
      || style.textOverflow === "ellipsis";
    if (clips && el.scrollWidth > el.clientWidth + 1) {
      report(el, "text cut by its box",
             `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    }
    if (clips) clipping.add(el);
    // Only the outermost box past the edge, outside any box that clips it (reported above):
    // its content goes with it.
    if (box.right > width + 1 && !clippedBy(el)) {
      beyond.add(el);
      if (!beyond.has(el.parentElement)) {
        report(el, "past the right edge", `right ${Math.round(box.right)} > ${width}`);
      }
    }
    if (el.localName === "select" && el.selectedIndex >= 0) {
      const chosen = el.options[el.selectedIndex].text.trim();
      const room = el.clientWidth - px(style.paddingLeft) - px(style.paddingRight) - arrowWidth(el);
      const needed = textWidth(chosen, style);
      if (needed > room + 1) {
        report(el, "menu cuts its option", `“${chosen}” ${needs(needed, room)}`);
      }
    }
    // A label of a few words on two lines ("Tout / effacer"), a box's label wrapping under
    // its box instead of beside it.
    const words = (el.innerText || "").trim().split(/\s+/);
    const boxed = el.localName === "label" && el.querySelector("[type=checkbox], [type=radio]");
    const short = words.length <= 3 && words.join(" ").length <= 30;
    if (!boxed && short && el.matches(SHORT_LABELS)) {
      const count = lineCount(el);
      if (count > 1) report(el, "short label split over lines", `${count} lines`);
    }
    if (boxed && textBoxes(el).length) {
      const [first, ...rest] = textBoxes(el);
      const under = rest.find((box) => box.top >= first.bottom - 1 && box.left < first.left - 2);
      if (under) {
        const lefts = `${Math.round(under.left)} px, the first at ${Math.round(first.left)} px`;
        report(el, "label wraps under its box", `a line starts at ${lefts}`);
      }
    }
    if (el.localName === "input" && TEXT_BOXES.includes(el.getAttribute("type") || "")) {
      const shown = el.value || el.placeholder;
      const room = el.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
      const needed = textWidth(shown, style);
      if (shown && needed > room + 1) {
        report(el, el.value ? "text box cuts its text" : "text box cuts its placeholder",
               `“${shown}” ${needs(needed, room)}`);
      }
    }
  }
  return problems;
}"""


def cut_text(page):
    """What the page shows cut or overflowing, as readable lines (empty when none)."""
    found = page.evaluate(CUT_TEXT, page.viewport_size["width"])
    return [f"{p['what']}: {p['where']} “{p['text']}” ({p['detail']})" for p in found]
