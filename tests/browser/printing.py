"""A page printed to PDF by Chromium, read back with pypdf: where each text fell, page by page.

Texts are compared without spaces, hyphens or case, so that line breaks, hyphenation and the
no-break spaces of French typography do not matter.
"""

import io
import re
import unicodedata

from pypdf import PdfReader

CM = 72 / 2.54  # PDF points in a centimetre

# In the page, printed: each h2/h3 of <main> with the first words of the text that follows it
# (outside any heading), the links of <main> and their addresses, and the citation box.
PRINTED_PARTS = r"""() => {
  const main = document.querySelector("main");
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return el.checkVisibility({visibilityProperty: true}) && box.width > 1 && box.height > 1;
  };
  const words = (text, count) =>
    text.replace(/\s+/g, " ").trim().split(" ").slice(0, count).join(" ");
  const headings = [];
  for (const heading of main.querySelectorAll("h2, h3")) {
    if (!shown(heading)) continue;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    walker.currentNode = heading;
    let next = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (heading.contains(node) || !node.textContent.trim()) continue;
      const parent = node.parentElement;
      if (parent.closest("h1, h2, h3, h4, h5, h6") || !shown(parent)) continue;
      next = words(node.textContent, 4);
      break;
    }
    headings.push({heading: heading.textContent.replace(/\s+/g, " ").trim(), next});
  }
  const links = [...main.querySelectorAll("a[href]")]
    .filter((a) => shown(a) && !a.getAttribute("href").startsWith("#"))
    .map((a) => ({text: a.textContent.trim(), href: a.getAttribute("href"), absolute: a.href}));
  const cite = main.querySelector(".cite");
  const citeText = cite && shown(cite) ? cite.innerText.replace(/\s+/g, " ").trim() : null;
  return {headings, links, cite: citeText};
}"""


def squeeze(text):
    """The text as compared: NFKC (no ligatures), no spaces nor hyphens, case folded."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u2010\u2011\u00ad]+", "", text).casefold()


class PrintedDocument:
    def __init__(self, data):
        self.pages = []  # per page: [(x, y, text)], y from the bottom of the page
        self.sizes = []  # per page: (width, height) in points
        for page in PdfReader(io.BytesIO(data)).pages:
            fragments = []

            def visit(text, cm, tm, font, size, fragments=fragments):
                if text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    fragments.append((x, y, text))

            page.extract_text(visitor_text=visit)
            # Reading order: lines from the top, then left to right.
            fragments.sort(key=lambda f: (-round(f[1]), f[0]))
            self.pages.append(fragments)
            box = page.mediabox
            self.sizes.append((float(box.width), float(box.height)))
        squeezed = [squeeze("".join(text for _x, _y, text in page)) for page in self.pages]
        self.text = "".join(squeezed)
        self.page_ends = []  # where each page's text ends in self.text
        end = 0
        for page_text in squeezed:
            end += len(page_text)
            self.page_ends.append(end)

    def page_of(self, position):
        return next(i for i, end in enumerate(self.page_ends) if position < end)

    def lines(self, page):
        """The text of a page, one line per baseline (for failure messages)."""
        rows = {}
        for _x, y, text in self.pages[page]:
            rows.setdefault(round(y), []).append(text)
        return ["".join(parts) for _y, parts in sorted(rows.items(), reverse=True)]

    def stranded_headings(self, headings):
        """Headings that end a page, or are split by one, or cannot be found: readable lines."""
        problems = []
        cursor = 0
        for item in headings:
            heading = squeeze(item["heading"])
            start = self.text.find(heading, cursor)
            if start < 0:
                problems.append(f"heading “{item['heading']}” is not in the PDF")
                continue
            end = start + len(heading) - 1
            cursor = end + 1
            if self.page_of(start) != self.page_of(end):
                problems.append(
                    f"heading “{item['heading']}” is split between pages "
                    f"{self.page_of(start) + 1} and {self.page_of(end) + 1}"
                )
            if item["next"] is None:
                problems.append(f"heading “{item['heading']}” has no text after it")
                continue
            follows = self.text.find(squeeze(item["next"]), cursor)
            if follows < 0:
                problems.append(f"the text after “{item['heading']}” is not in the PDF")
            elif self.page_of(follows) != self.page_of(end):
                page = self.page_of(end)
                problems.append(
                    f"heading “{item['heading']}” ends page {page + 1}; its text "
                    f"“{item['next']}” starts page {self.page_of(follows) + 1} "
                    f"(last lines of page {page + 1}: {self.lines(page)[-3:]})"
                )
        return problems

    def narrow_margins(self, margin=1.5 * CM):
        """Pages whose text comes nearer than `margin` to the left, top or bottom edge."""
        problems = []
        for number, (fragments, (_width, height)) in enumerate(
            zip(self.pages, self.sizes, strict=True), start=1
        ):
            if not fragments:
                continue
            left = min(x for x, _y, _text in fragments)
            top = height - max(y for _x, y, _text in fragments)
            bottom = min(y for _x, y, _text in fragments)
            for side, room in (("left", left), ("top", top), ("bottom", bottom)):
                if room < margin - 0.01 * CM:  # rounding: a margin of exactly 1.5 cm passes
                    problems.append(f"page {number}: text {room / CM:.2f} cm from the {side} edge")
        return problems

    def on_one_page(self, text):
        """Whether a block of text (its first and last words) is printed on one page."""
        words = text.split()
        first = self.text.find(squeeze(" ".join(words[:6])))
        last = self.text.find(squeeze(" ".join(words[-6:])), max(first, 0))
        return first >= 0 and last >= 0 and self.page_of(first) == self.page_of(last)

    def __contains__(self, text):
        return squeeze(text) in self.text
