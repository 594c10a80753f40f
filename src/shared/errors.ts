/** Exit codes of the command-line contract. */
export const ExitCode = {
  ok: 0,
  negative: 1,
  usage: 2,
  auth: 3,
  failed: 4,
  partial: 5,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of a command stopped by `signal` (128 + its number), as a shell reports it. */
export function signalExitCode(signal: string): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : ExitCode.cancelled;
}

/** An error the CLI knows how to report: a stable code for `--json` and the contract's exit code. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(message: string, code: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A command's result and, when only part of it worked, the problem that sets the exit code. */
export interface Outcome<T> {
  result: T;
  problem?: CliError | undefined;
}

/** A command's JSON document that may carry a partial failure (`finish` adds `error`). */
export type WithPartialFailure<T> = T & { error?: { code: string; message: string } };

/** Bad flag, bad pattern, unreadable file, missing setting, a prompt needed without a TTY. */
export class UsageError extends CliError {
  constructor(message: string, code = 'usage') {
    super(message, code, ExitCode.usage);
  }
}

/** Salesloft answered with an error status (or something that should have been JSON was not). */
export class ApiError extends CliError {
  readonly status: number;

  constructor(status: number, message: string) {
    super(
      message,
      status === 401 || status === 403 ? 'auth' : status === 404 ? 'not_found' : 'api',
      status === 401 || status === 403 ? ExitCode.auth : ExitCode.failed,
    );
    this.status = status;
  }
}

/** The network failed (refused, reset, timed out) after retries. */
export class NetworkError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'network', ExitCode.failed, options);
  }
}

/** The tunnel could not be opened. */
export class TunnelError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'tunnel', ExitCode.failed, options);
  }
}

/** Part of a batch succeeded and the rest could not be done or rolled back. */
export class PartialFailureError extends CliError {
  constructor(message: string) {
    super(message, 'partial', ExitCode.partial);
  }
}

type OclifLikeError = Error & { oclif?: { exit?: number }; code?: unknown };

/** The one place where any thrown value becomes `{code, message, exitCode}`. */
export function describeError(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof CliError) {
    return { code: error.code, message: error.message, exitCode: error.exitCode };
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    // Ctrl-C at a prompt: the user's choice, not a failure; 130 as for any shell interrupt.
    return { code: 'cancelled', message: 'Cancelled.', exitCode: ExitCode.cancelled };
  }
  if (error instanceof Error) {
    const oclifExit = (error as OclifLikeError).oclif?.exit;
    // oclif's parser errors (unknown flag, missing required flag, bad option) carry exit 2.
    if (oclifExit === 2)
      return { code: 'usage', message: errorSummary(error.message), exitCode: ExitCode.usage };
    if (typeof oclifExit === 'number' && oclifExit !== 1) {
      return { code: 'error', message: errorSummary(error.message), exitCode: oclifExit };
    }
    return {
      code: 'unexpected',
      message: errorSummary(error.message) || error.name,
      exitCode: ExitCode.negative,
    };
  }
  return { code: 'unexpected', message: String(error), exitCode: ExitCode.negative };
}

/** oclif's parser errors span lines ("The following error occurred:", the errors, "See more help"): keep the errors. */
function errorSummary(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(
      (line) =>
        line.length > 0 &&
        !/^The following errors? occurred:?$/.test(line) &&
        !/^See more help with/.test(line),
    );
  return lines.reduce(
    (summary, line) => (summary === '' ? line : `${summary}${summary.endsWith(':') ? ' ' : '; '}${line}`),
    '',
  );
}

/** The state directory cannot be read or written: exit 2, naming the directory to set instead. */
export function stateDirError(error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const path = (error as NodeJS.ErrnoException).path ?? '';
  return new UsageError(
    `Cannot use the state directory (${code}${path ? ` on ${path}` : ''}): set SALESLOFT_HOOKS_STATE_DIR to a writable directory.`,
    'state_dir',
  );
}
