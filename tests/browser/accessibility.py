"""axe-core (vendored from the npm registry, see vendor/README.md) run inside the page."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def check_accessibility(page):
    """Run axe-core on the page; fail on any serious or critical WCAG A/AA violation."""
    # Evaluated through the DevTools protocol: an injected <script> would be blocked by the CSP.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.slice(0, 3).map((node) => node.target.join(" ")),
                count: v.nodes.length,
            }));
        }""",
        AXE_TAGS,
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} — {v['count']} node(s), "
        f"first: {', '.join(v['targets'])}"
        for v in blocking
    )
    assert not blocking, f"axe found violations on {page.url}:\n{report}"
