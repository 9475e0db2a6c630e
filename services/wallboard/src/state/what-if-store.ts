import { signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { RequestProblem } from '../api/request-problem';
import { isAdmin, type Session } from '../api/session';
import type { WhatIfApi } from '../api/what-if-api';
import { BacktestRun, type Schedule } from '../backtest/backtest-run';
import { candidateDocument } from '../backtest/candidate-document';
import { ticketUrlTemplate } from '../backtest/ticket-link';
import { DEFAULT_WINDOW, windowFields, type WindowForm } from '../backtest/backtest-window';

export type Validation =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'valid'; readonly calendars: number; readonly policies: number }
  | { readonly kind: 'invalid'; readonly problems: readonly RequestProblem[] }
  | { readonly kind: 'error'; readonly message: string };

/** The most the gateway reads of a policy document (`POST /policies/validate`, 1 MiB). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** What the page refuses before asking the gateway. */
export type Refusal = {
  readonly field: 'document' | 'window';
  readonly message: string;
  readonly problems: readonly RequestProblem[];
};

/**
 * The "What if…" page's state: the candidate document, its validation, the window and the
 * backtest. It lives as long as the sign-in, not the page, so going to the board and back
 * keeps the document and a running backtest.
 */
export class WhatIfStore {
  readonly text = signal('');
  /** The file the text was read from, until it is edited. */
  readonly fileName = signal<string | null>(null);
  readonly validation = signal<Validation>({ kind: 'idle' });
  readonly window = signal<WindowForm>(DEFAULT_WINDOW);
  /** Why the latest "Run backtest" was not sent. */
  readonly refusal = signal<Refusal | null>(null);
  /** The text of the latest backtest sent, to say when the editor no longer holds it. */
  readonly ranText = signal<string | null>(null);
  /** The document in force's ticket-page template, for links from changed tickets. */
  readonly ticketUrl = signal<string | null>(null);
  readonly run: BacktestRun;
  readonly mayRun: boolean;
  /** A team-limited token's teams: its backtests compare only their tickets. */
  readonly teams: readonly string[] | null;
  /** Counts edits, so a validation answer about an older text is dropped. */
  private edits = 0;
  private ticketUrlAsked = false;

  constructor(
    private readonly api: WhatIfApi,
    session: Session,
    private readonly unauthorized: () => void = () => undefined,
    schedule?: Schedule,
  ) {
    this.mayRun = isAdmin(session);
    this.teams = session.teams;
    this.run = new BacktestRun(api, unauthorized, schedule);
  }

  dispose(): void {
    this.run.dispose();
    this.edits++;
  }

  setText(text: string, fileName: string | null = null): void {
    this.edits++;
    this.text.value = text;
    this.fileName.value = fileName;
    this.validation.value = { kind: 'idle' };
    if (this.refusal.value?.field === 'document') this.refusal.value = null;
  }

  setWindow(window: WindowForm): void {
    this.window.value = window;
    if (this.refusal.value?.field === 'window') this.refusal.value = null;
  }

  /** Reads an uploaded file into the editor; a message when it cannot be used. */
  async loadFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<string | null> {
    if (file.size > MAX_DOCUMENT_BYTES)
      return `${file.name} is ${Math.ceil(file.size / 1024)} KiB: the gateway reads documents of up to 1 MiB.`;
    try {
      this.setText(await file.text(), file.name);
      return null;
    } catch {
      return `${file.name} could not be read.`;
    }
  }

  async validate(): Promise<void> {
    const text = this.text.value;
    if (text.trim() === '') {
      this.validation.value = { kind: 'error', message: 'Paste or upload a document first.' };
      return;
    }
    const edit = this.edits;
    this.validation.value = { kind: 'checking' };
    let next: Validation;
    try {
      const answer = await this.api.validatePolicies(candidateDocument(text));
      next = answer.valid
        ? { kind: 'valid', calendars: answer.calendars, policies: answer.policies }
        : { kind: 'invalid', problems: answer.problems };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.unauthorized();
      next = { kind: 'error', message: validationError(error) };
    }
    if (edit === this.edits) this.validation.value = next;
  }

  /** Starts a backtest of the text over the window, unless the page can tell it would be refused. */
  async startRun(): Promise<void> {
    if (!this.mayRun || this.run.busy) return;
    const text = this.text.value;
    if (text.trim() === '') {
      this.refusal.value = {
        field: 'document',
        message: 'Paste or upload a document first.',
        problems: [],
      };
      return;
    }
    const window = windowFields(this.window.value);
    if (!window.ok) {
      this.refusal.value = {
        field: 'window',
        message: 'The window is not complete.',
        problems: window.problems,
      };
      return;
    }
    this.refusal.value = null;
    this.ranText.value = text;
    await this.run.start(candidateDocument(text), window.fields);
  }

  /** Reads the ticket-page template of the document in force, once; no links without it. */
  loadTicketUrl(): void {
    if (this.ticketUrlAsked) return;
    this.ticketUrlAsked = true;
    this.api.policies().then(
      (doc) => (this.ticketUrl.value = ticketUrlTemplate(doc)),
      () => {
        // Ticket ids then show as text; the next sign-in asks again.
      },
    );
  }
}

function validationError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The document could not be checked.';
  if (error.status === 0) return 'The gateway could not be reached. Try again.';
  if (error.status === 413) return 'The document is larger than the gateway takes (1 MiB).';
  return `The gateway could not check the document: ${error.message} (HTTP ${error.status}).`;
}
