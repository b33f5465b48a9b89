import { z } from "zod";

// Ordered weakest to strongest, as GitHub's `role_name` ranks them.
export const ROLES = ["read", "triage", "write", "maintain", "admin"] as const;
export const Role = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
export type Role = z.infer<typeof Role>;

/** What the permission API can report for a sender; "none" covers 404s and errors (fail closed). */
export type ActualRole = Role | "none";

const RANK: Record<Role, number> = { read: 0, triage: 1, write: 2, maintain: 3, admin: 4 };

export function roleAllows(actual: ActualRole, needed: Role): boolean {
  if (actual === "none") return false;
  return RANK[actual] >= RANK[needed];
}

export function strongerRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}
