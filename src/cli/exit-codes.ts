/** The CLI's exit statuses (README "Exit status"). */
export const EXIT_OK = 0;
/** Some file has a finding at --fail-on or worse. */
export const EXIT_FINDINGS = 1;
/** Bad usage, or an output the CLI refuses to write (exists without --force, a link, a device, an input). */
export const EXIT_USAGE = 2;
/** The tool itself failed: the report could not be written (disk full), or the CLI crashed — not a finding. */
export const EXIT_FAILURE = 3;
