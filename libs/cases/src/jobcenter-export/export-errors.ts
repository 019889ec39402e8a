/** Why an export or an import is refused; the message names the line or the rule, for the user. */
export class JobcenterExportError extends Error {
  override name = 'JobcenterExportError';
}

/** The file is not a well-formed export, or its content does not hold together. */
export class ExportFileError extends JobcenterExportError {
  override name = 'ExportFileError';
}

export class NothingToExportError extends JobcenterExportError {
  override name = 'NothingToExportError';
  constructor(readonly tenant: string) {
    super(`there are no events of ${tenant} to export`);
  }
}

/** An import writes only into a store without events of the file's Jobcenter. */
export class JobcenterNotEmptyError extends JobcenterExportError {
  override name = 'JobcenterNotEmptyError';
  constructor(readonly tenant: string) {
    super(`the store already holds events of ${tenant}: import into an empty one`);
  }
}

/** An imported event came out with another hash than the exported one: a fault, not bad input. */
export class ImportedHashMismatchError extends Error {
  override name = 'ImportedHashMismatchError';
  constructor(
    readonly streamId: string,
    readonly version: number,
  ) {
    super(`imported ${streamId} version ${version} has another hash than the exported one`);
  }
}
