/**
 * The exercise design summary (HSEEP AAR/IP): each objective of the drill with the critical tasks
 * that test it and their capabilities, the critical tasks of each capability, the mission areas
 * and the drill's suggested improvement horizon. Taken from the drill file alone.
 */
import type { Drill } from '../engine/drill.ts';
import { CAPABILITIES, MISSION_AREA_LABELS, type Capability } from '../engine/vocabulary.ts';
import { capabilityLabel } from './format.ts';
import { improvementHorizonDays } from './plan.ts';
import type { ExerciseDesign, ReportOverview } from '../../protocol/index.ts';

/** The drill's HSEEP mission areas in words; Response when it names none (every drill here is an incident response). */
export function missionAreas(drill: Drill): Pick<ReportOverview, 'missionAreas' | 'missionAreasFrom'> {
  const named = drill.scenario.hseep?.mission_areas;
  return named
    ? { missionAreas: named.map((a) => MISSION_AREA_LABELS[a]), missionAreasFrom: 'drill' }
    : { missionAreas: [MISSION_AREA_LABELS.response], missionAreasFrom: 'default' };
}

/** The design summary of a drill, for the capabilities it exercises. */
export function buildDesign(drill: Drill, exercised: Capability[]): ExerciseDesign {
  const { expectations, objectives } = drill.scenario;
  return {
    linked: expectations.some((e) => e.objectives !== undefined),
    objectives: objectives.map((text, i) => {
      const tests = expectations.filter((e) => e.objectives?.includes(i + 1));
      return {
        n: i + 1,
        text,
        capabilities: CAPABILITIES.filter((c) => tests.some((e) => e.capability === c)).map((c) => ({
          id: c,
          name: capabilityLabel(c),
        })),
        expectations: tests.map((e) => ({ id: e.id, text: e.text, capability: e.capability })),
      };
    }),
    capabilities: exercised.map((c) => ({
      id: c,
      name: capabilityLabel(c),
      expectations: expectations.filter((e) => e.capability === c).map((e) => e.id),
    })),
    improvementHorizonDays: improvementHorizonDays(drill),
  };
}
