/** Names a person reads for ids: roles, NIST phases. */

/** Role ids such as "ir-lead" as "IR lead". */
export function roleLabel(role: string | null | undefined): string {
  if (!role) return 'No role yet';
  const words = role.split(/[-_]/).map((w) => (['ir', 'ml', 'ciso', 'soc', 'ai', 'it', 'pr'].includes(w) ? w.toUpperCase() : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function phaseLabel(nist: string): string {
  const map: Record<string, string> = {
    preparation: 'Preparation',
    'detection-analysis': 'Detection & Analysis',
    'detection-and-analysis': 'Detection & Analysis',
    'containment-eradication-recovery': 'Containment, Eradication & Recovery',
    'post-incident': 'Post-Incident Activity',
    'post-incident-activity': 'Post-Incident Activity',
  };
  return map[nist] ?? nist;
}
