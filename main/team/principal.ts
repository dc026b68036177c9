// Who is calling. Every route names the kind it accepts; the server resolves the bearer token to
// one of these before any handler runs.
export type StaffRole = 'admin' | 'supervisor' | 'trainer';

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  agentId: string;
  orgId: string;
}

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  orgId: string;
  role: StaffRole;
  /** The team a supervisor supervises; null for trainers and admins. */
  teamId: string | null;
}

/** Enrolment is the one call without a token: the enrolment code in the body is the credential. */
export interface EnrollingPrincipal {
  kind: 'enrolling';
}

export type Principal = DevicePrincipal | StaffPrincipal | EnrollingPrincipal;
