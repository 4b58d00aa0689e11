/** Words of the debrief view. */
export const debrief = {
};
