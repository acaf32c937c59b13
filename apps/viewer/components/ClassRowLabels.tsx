type ClassRowLabelsProps = { classes: readonly string[] };

/** The class of each row of a one-row-per-class grid, beside it (the canvas alone cannot say). */
export function ClassRowLabels({ classes }: ClassRowLabelsProps) {
  return (
    <ol
      className="class-rows"
      aria-label="Rows, top to bottom"
      style={{ gridTemplateRows: `repeat(${classes.length}, 1fr)` }}
    >
      {classes.map((name, label) => (
        <li key={label}>{name}</li>
      ))}
    </ol>
  );
}
