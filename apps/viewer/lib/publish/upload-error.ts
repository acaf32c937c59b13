/** A refused upload: the HTTP status and a message that names the problem and what to do. */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 403 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}
