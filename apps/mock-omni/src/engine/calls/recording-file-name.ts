/**
 * A call's recording file name (B.5): `<call_id>_<yyyymmddHHMMss>.wav`, the time being when the
 * recording first started, written in UTC (the system's clock gives the instant).
 */
export function recordingFileName(callId: number, startedAt: number): string {
  const d = new Date(startedAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp =
    String(d.getUTCFullYear()).padStart(4, '0') +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds());
  return `${callId}_${stamp}.wav`;
}

const FILE_NAME = /^([1-9][0-9]{0,14})_([0-9]{14})\.wav$/;

/** The call id a recording file name belongs to, or null when the name is not one of ours. */
export function parseRecordingFileName(name: string): { callId: number } | null {
  const m = FILE_NAME.exec(name);
  return m ? { callId: Number(m[1]) } : null;
}
