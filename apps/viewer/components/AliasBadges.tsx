type AliasBadgesProps = { aliases: readonly string[] };

export function AliasBadges({ aliases }: AliasBadgesProps) {
  if (aliases.length === 0) return null;
  return (
    <span className="badges">
      {[...aliases].sort().map((alias) => (
        <span key={alias} className="badge" title={`alias "${alias}"`}>
          {alias}
        </span>
      ))}
    </span>
  );
}
