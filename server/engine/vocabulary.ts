/** The fixed words a drill file may use: roles, capabilities, NIST phases and CSF functions. */

/** Roles a drill can put in play; `lead` breaks vote ties and commits in lead mode. */
export const ROLES = [
  'ir-lead',
  'ml-engineer',
  'data-engineer',
  'soc-analyst',
  'legal',
  'communications',
  'executive',
  'privacy-officer',
  'platform-engineer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'ir-lead': 'IR lead',
  'ml-engineer': 'ML engineer',
  'data-engineer': 'Data engineer',
  'soc-analyst': 'SOC analyst',
  legal: 'Legal counsel',
  communications: 'Communications',
  executive: 'Executive',
  'privacy-officer': 'Privacy officer',
  'platform-engineer': 'Platform engineer',
};

/** The capabilities every drill is scored on. */
export const CAPABILITIES = [
  'detection',
  'containment',
  'evidence',
  'recovery',
  'communication',
  'coordination',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CAPABILITY_LABELS: Record<Capability, string> = {
  detection: 'Detection & Analysis',
  containment: 'Containment',
  evidence: 'Evidence & Forensics',
  recovery: 'Eradication & Recovery',
  communication: 'Communication & Compliance',
  coordination: 'Coordination',
};

/** HSEEP mission areas (FEMA National Preparedness Goal), named in the after-action report's overview. */
export const MISSION_AREAS = ['prevention', 'protection', 'mitigation', 'response', 'recovery'] as const;
export type MissionArea = (typeof MISSION_AREAS)[number];

export const MISSION_AREA_LABELS: Record<MissionArea, string> = {
  prevention: 'Prevention',
  protection: 'Protection',
  mitigation: 'Mitigation',
  response: 'Response',
  recovery: 'Recovery',
};

/** NIST SP 800-61r2 incident-response phases. */
export const NIST_PHASES = [
  'preparation',
  'detection-analysis',
  'containment-eradication-recovery',
  'post-incident',
] as const;
export type NistPhase = (typeof NIST_PHASES)[number];

export const NIST_PHASE_LABELS: Record<NistPhase, string> = {
  preparation: 'Preparation',
  'detection-analysis': 'Detection & Analysis',
  'containment-eradication-recovery': 'Containment, Eradication & Recovery',
  'post-incident': 'Post-Incident Activity',
};

/** NIST CSF 2.0 functions. */
export const CSF_FUNCTIONS = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'] as const;
