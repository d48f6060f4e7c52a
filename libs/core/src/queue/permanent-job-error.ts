/**
 * Thrown by a handler when retrying cannot help (an invalid phone number, a recipient who opted
 * out). The job fails at once, with this reason kept, whatever attempts it had left.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
