/**
 * The exercise documents by name, shared by the command line (`breachdrill sitman|msel|eeg|
 * feedback-form FILE`) and the HTTP routes (GET /api/scenarios/:id/<name>.<ext>): the renderer,
 * the media type, the file name, and whether it spoils the story (then only staff may fetch it).
 */
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { renderEeg } from './eeg.ts';
import { renderFeedbackForm } from './feedback-form.ts';
import { renderMselCsv, renderMselHtml } from './msel.ts';
import { renderSitman } from './sitman.ts';

export interface ExerciseDocument {
  /** The name in a URL and on the command line: `sitman`, `msel`, `eeg`, `feedback-form`. */
  name: string;
  /** The file extension: `html` or `csv`. */
  ext: 'html' | 'csv';
  /** What it is, in words. */
  title: string;
  /** True when it reveals later injects, options, scores or notes: staff only (docs/protocol.md H14). */
  spoils: boolean;
  render: (drill: Drill, stats: ExploreResult) => string;
}

export const DOCUMENTS: readonly ExerciseDocument[] = [
  { name: 'sitman', ext: 'html', title: 'Situation Manual', spoils: false, render: renderSitman },
  { name: 'feedback-form', ext: 'html', title: 'Participant Feedback Form', spoils: false, render: renderFeedbackForm },
  { name: 'msel', ext: 'html', title: 'Master Scenario Events List', spoils: true, render: renderMselHtml },
  { name: 'msel', ext: 'csv', title: 'Master Scenario Events List (CSV)', spoils: true, render: renderMselCsv },
  { name: 'eeg', ext: 'html', title: 'Exercise Evaluation Guide', spoils: true, render: renderEeg },
];

/** The document with this name and extension, or undefined. */
export function findDocument(name: string, ext: string): ExerciseDocument | undefined {
  return DOCUMENTS.find((d) => d.name === name && d.ext === ext);
}

/** Content-Type of each extension. */
export const DOCUMENT_MEDIA_TYPES: Record<ExerciseDocument['ext'], string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** `breachdrill-<scenario>-<name>.<ext>`: ASCII only, safe in a Content-Disposition header. */
export function documentFileName(drill: Drill, doc: ExerciseDocument): string {
  const id = drill.scenario.id.replace(/[^a-z0-9-]/g, '-').slice(0, 48);
  return `breachdrill-${id}-v${drill.scenario.version}-${doc.name}.${doc.ext}`;
}
