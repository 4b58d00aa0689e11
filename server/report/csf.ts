/**
 * NIST CSF 2.0 names for the functions and categories a drill's expectations cite (NIST CSWP 29,
 * 26 Feb 2024). A subcategory such as RS.AN-07 is named by its category.
 */
const CSF_NAMES: Record<string, string> = {
  GV: 'Govern',
  ID: 'Identify',
  PR: 'Protect',
  DE: 'Detect',
  RS: 'Respond',
  RC: 'Recover',
  'GV.OC': 'Organizational Context',
  'GV.RM': 'Risk Management Strategy',
  'GV.RR': 'Roles, Responsibilities, and Authorities',
  'GV.PO': 'Policy',
  'GV.OV': 'Oversight',
  'GV.SC': 'Cybersecurity Supply Chain Risk Management',
  'ID.AM': 'Asset Management',
  'ID.RA': 'Risk Assessment',
  'ID.IM': 'Improvement',
  'PR.AA': 'Identity Management, Authentication, and Access Control',
  'PR.AT': 'Awareness and Training',
  'PR.DS': 'Data Security',
  'PR.PS': 'Platform Security',
  'PR.IR': 'Technology Infrastructure Resilience',
  'DE.CM': 'Continuous Monitoring',
  'DE.AE': 'Adverse Event Analysis',
  'RS.MA': 'Incident Management',
  'RS.AN': 'Incident Analysis',
  'RS.CO': 'Incident Response Reporting and Communication',
  'RS.MI': 'Incident Mitigation',
  'RC.RP': 'Incident Recovery Plan Execution',
  'RC.CO': 'Incident Recovery Communication',
};

/** A CSF id with the name of its category (or function); unknown ids keep an empty name. */
export function csfRef(id: string): { id: string; name: string } {
  const category = id.split('-')[0]!;
  return { id, name: CSF_NAMES[category] ?? CSF_NAMES[category.split('.')[0]!] ?? '' };
}
