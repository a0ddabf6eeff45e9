"""axe-core (vendored from the npm registry, see vendor/README.md) run inside the page."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Every rule axe has for WCAG 2.0 to 2.2 A and AA, and its best practices (distinct landmark
# names, heading order, every text in a landmark...), at every impact: minor ones included.
EVERY_RULE_TAGS = [*AXE_TAGS, "wcag22a", "wcag22aa", "best-practice"]


def _violations(page, tags):
    """What axe-core finds on the page for the rules tagged `tags`, as dictionaries."""
    # Evaluated through the DevTools protocol: an injected <script> would be blocked by the CSP.
    page.evaluate(AXE.read_text())
    return page.evaluate(
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


def _described(violation):
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        f"{violation['count']} node(s), first: "
        + "; ".join(f"{node['target']} {node['html']}" for node in violation["nodes"])
    )


def check_accessibility(page):
    """Run axe-core on the page; fail on any serious or critical WCAG A/AA violation."""
    blocking = [v for v in _violations(page, AXE_TAGS) if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(f"  {_described(v)}" for v in blocking)
    assert not blocking, f"axe found violations on {page.url}:\n{report}"


def axe_violations(page, tags=EVERY_RULE_TAGS):
    """What axe-core finds on the page: one readable line per rule broken (empty when none)."""
    return [_described(v) for v in _violations(page, tags)]


def check_accessibility_at_every_impact(page):
    """Run axe-core on the page; fail on any violation, minor and moderate ones included."""
    found = axe_violations(page)
    report = "\n".join(f"  {line}" for line in found)
    assert not found, f"axe found violations on {page.url}:\n{report}"
