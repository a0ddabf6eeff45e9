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


# Every rule axe has for WCAG 2.0 to 2.2 A and AA, and its best practices (distinct landmark
# names, heading order, every text in a landmark...), at every impact: minor ones included.
EVERY_RULE_TAGS = [*AXE_TAGS, "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page, tags=EVERY_RULE_TAGS):
    """What axe-core finds on the page: one readable line per rule broken (empty when none)."""
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 3).map((node) => ({
                    target: node.target.join(" "),
                    html: node.html.slice(0, 120),
                })),
                count: v.nodes.length,
            }));
        }""",
        tags,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {v['count']} node(s), first: "
        + "; ".join(f"{node['target']} {node['html']}" for node in v["nodes"])
        for v in violations
    ]


def check_accessibility_at_every_impact(page):
    """Run axe-core on the page; fail on any violation, minor and moderate ones included."""
    found = axe_violations(page)
    report = "\n".join(f"  {line}" for line in found)
    assert not found, f"axe found violations on {page.url}:\n{report}"
