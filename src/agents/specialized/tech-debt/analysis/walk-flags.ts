/*
 * Flags carried by the entries of the metrics walk's stack (see analyze-functions.ts). The
 * first four describe the node's position, the rest mark synthetic entries: leave-node
 * bookkeeping and the start of a member's own unit.
 */

export const NEST = 1; // sonarjs nesting node
export const CONSIDERED = 2; // operand of a logical tree already counted from its root
export const ELSE_IF = 4;
export const TARGET = 8; // destructuring-assignment target: `x = d` here is a default value
export const EXIT = 16;
export const ENTER_UNIT = 32;
export const UNDO_NEST = 64;
export const UNDO_DEPTH = 128;
export const POP_UNIT = 256;
