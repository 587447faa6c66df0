// On a phone a wide table becomes a list of cards (saylau.css, table.stacked): each cell is
// labelled with its column's heading, so nothing scrolls sideways. Without this script the
// table stays a table and wraps its text.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table")) {
    const head = table.tHead;
    if (!head || head.rows.length !== 1) continue;
    const headings = [...head.rows[0].cells];
    if (headings.some((cell) => cell.colSpan > 1)) continue;
    const labels = headings.map((cell) => cell.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = labels[column];
          if (cell.tagName === "TD" && label && !cell.hasAttribute("data-label")) {
            cell.dataset.label = label;
          }
          column += cell.colSpan;
        }
      }
    }
    table.classList.add("stacked");
  }
});
