type ModelFilterProps = { names: string[]; selected: string | null };

/** A plain GET form: filtering works without JavaScript and the URL (?model=) can be shared. */
export function ModelFilter({ names, selected }: ModelFilterProps) {
  return (
    <form className="controls filter" method="get" action="/" role="search">
      <label htmlFor="model-filter">Model</label>
      <select id="model-filter" name="model" defaultValue={selected ?? ""}>
        <option value="">All models</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit">Filter</button>
    </form>
  );
}
