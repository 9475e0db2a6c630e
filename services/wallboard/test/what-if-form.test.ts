import { describe, expect, it } from 'vitest';
import { candidateDocument } from '../src/backtest/candidate-document';
import { documentPath, fieldPath } from '../src/backtest/document-path';
import { windowFields, type WindowForm } from '../src/backtest/backtest-window';
import { ticketLink, ticketUrlTemplate } from '../src/backtest/ticket-link';
import { pageFromSearch, searchForPage } from '../src/state/page-param';

describe('the candidate document', () => {
  it('goes as JSON when it is a JSON object, else as the YAML text it is', () => {
    expect(candidateDocument(' {"policies": []}')).toEqual({ json: { policies: [] } });
    expect(candidateDocument('policies: []\n')).toEqual({ yaml: 'policies: []\n' });
    // YAML flow style, a JSON typo, a JSON array: the gateway names what is wrong.
    expect(candidateDocument('{policies: []}')).toEqual({ yaml: '{policies: []}' });
    expect(candidateDocument('{"policies": [}')).toEqual({ yaml: '{"policies": [}' });
    expect(candidateDocument('[]')).toEqual({ yaml: '[]' });
  });
});

describe('problem paths', () => {
  it('read within the document, whichever route named them', () => {
    expect(documentPath('policies[0].targets.firstResponse')).toBe(
      'policies[0].targets.firstResponse',
    );
    expect(documentPath('body.policies.policies[0].id')).toBe('policies[0].id');
    expect(documentPath('body.policies')).toBe('(the document)');
    expect(documentPath('')).toBe('(the document)');
    expect(fieldPath('body.from')).toBe('from');
  });
});

describe('the window', () => {
  // The page's zone is the browser's; here every local time is read as UTC.
  const utc = (value: string) => Date.parse(`${value}Z`);
  const form = (change: Partial<WindowForm>): WindowForm => ({
    mode: 'span',
    span: '7d',
    since: '',
    until: '',
    ...change,
  });

  it('is a span before now, or before an end', () => {
    expect(windowFields(form({}), utc)).toEqual({ ok: true, fields: { from: '7d' } });
    expect(windowFields(form({ span: ' 12h ', until: '2026-12-01T09:00' }), utc)).toEqual({
      ok: true,
      fields: { from: '12h', until: '2026-12-01T09:00:00.000Z' },
    });
  });

  it('is a start and an end, in RFC 3339', () => {
    expect(windowFields(form({ mode: 'since', since: '2026-11-24T00:00' }), utc)).toEqual({
      ok: true,
      fields: { since: '2026-11-24T00:00:00.000Z' },
    });
  });

  it('names what is missing or wrong by the API field', () => {
    expect(windowFields(form({ span: '' }), utc)).toEqual({
      ok: false,
      problems: [{ path: 'body.from', message: 'is required (e.g. 7d)' }],
    });
    expect(windowFields(form({ mode: 'since' }), utc)).toMatchObject({
      ok: false,
      problems: [{ path: 'body.since' }],
    });
    expect(
      windowFields(
        form({ mode: 'since', since: '2026-12-02T00:00', until: '2026-12-01T00:00' }),
        utc,
      ),
    ).toEqual({ ok: false, problems: [{ path: 'body.since', message: 'must be before until' }] });
    expect(windowFields(form({ until: 'yesterday' }), utc)).toMatchObject({
      ok: false,
      problems: [{ path: 'body.until' }],
    });
  });
});

describe('ticket links', () => {
  it("follow the document in force's alerting.ticketUrl, encoding the id", () => {
    const template = ticketUrlTemplate({
      alerting: { ticketUrl: 'https://help.example.com/tickets/{ticketId}' },
    });
    expect(ticketLink(template, 'T 1/2')).toBe('https://help.example.com/tickets/T%201%2F2');
    // A lone surrogate would make encodeURIComponent throw.
    expect(ticketLink(template, 'T\uD800')).toBe('https://help.example.com/tickets/T%EF%BF%BD');
  });

  it('are left out without a template, or with one that is not http(s)', () => {
    expect(ticketUrlTemplate({})).toBeNull();
    expect(ticketUrlTemplate({ alerting: { ticketUrl: null } })).toBeNull();
    expect(
      ticketUrlTemplate({ alerting: { ticketUrl: 'javascript:alert({ticketId})' } }),
    ).toBeNull();
    expect(ticketLink(null, 'T-1')).toBeNull();
  });
});

describe('the page in the address', () => {
  it('is the board unless the query names the What if… page', () => {
    expect(pageFromSearch('')).toBe('board');
    expect(pageFromSearch('?page=what-if&tv=1')).toBe('what-if');
    expect(pageFromSearch('?page=elsewhere')).toBe('board');
  });

  it('keeps the other parameters of the query', () => {
    expect(searchForPage('?theme=dark', 'what-if')).toBe('?theme=dark&page=what-if');
    expect(searchForPage('?page=what-if&theme=dark', 'board')).toBe('?theme=dark');
    expect(searchForPage('?page=what-if', 'board')).toBe('');
  });
});
