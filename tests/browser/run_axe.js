/* axe-core's WCAG violations on the page (or inside `within`), five nodes each. */
async ([tags, within]) => {
  const result = await axe.run(within || document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\n").slice(1, 3).join(" ").trim()),
  }));
}
