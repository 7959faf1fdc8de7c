/** Where a command writes (the process's streams, or a test's strings). */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour the text report (a terminal that wants it). */
  color: boolean;
  /** stderr is a terminal: a long batch written to a file shows its progress there. */
  progress?: boolean;
}
