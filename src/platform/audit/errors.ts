/** A caller passed something the trail cannot hold exactly as given; nothing was written. */
export class AuditEntryError extends Error {}

/** A caller passed something shaped like personal data; nothing was written. */
export class AuditPersonalDataError extends AuditEntryError {
  constructor(
    readonly field: string,
    what: string,
  ) {
    // The value itself stays out of the message: error messages end up in logs.
    super(`audit ${field} looks like ${what}; personal data never goes in the audit trail`);
  }
}
