// Sortable tables: click a heading to sort its column (numbers by value, text in Japanese collation).
document.querySelectorAll("table.sortable").forEach((table) => {
  const headings = [...table.tHead.rows[0].cells];
  headings.forEach((th, column) => {
    th.addEventListener("click", () => {
      const ascending = !th.classList.contains("asc");
      headings.forEach((h) => h.classList.remove("asc", "desc"));
      th.classList.add(ascending ? "asc" : "desc");
      const key = (row) => {
        const cell = row.cells[column];
        return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
      };
      const numeric = th.dataset.type === "number";
      const compare = (a, b) => {
        const x = key(a), y = key(b);
        if (numeric) return (parseFloat(x.replace(/,/g, "")) || 0) - (parseFloat(y.replace(/,/g, "")) || 0);
        return x.localeCompare(y, "ja");
      };
      const body = table.tBodies[0];
      [...body.rows].sort((a, b) => (ascending ? 1 : -1) * compare(a, b)).forEach((row) => body.appendChild(row));
    });
  });
});
