/** Why a data set could not be loaded; `code` lets the CLI and tests tell the cases apart. */
export type DatasetErrorCode =
  | "UNKNOWN_SPEC"
  | "INVALID_OPTION"
  | "DOWNLOAD_FAILED"
  | "CHECKSUM_MISMATCH"
  | "CORRUPT_FILE"
  | "MISSING_FILE"
  | "NO_IMAGES"
  | "UNREADABLE_IMAGE"
  | "TOO_SMALL"
  | "TOO_LARGE";

/** Every failure of the data-set layer: the message names the file or option and says what to do. */
export class DatasetError extends Error {
  override readonly name = "DatasetError";
  readonly code: DatasetErrorCode;

  constructor(code: DatasetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
