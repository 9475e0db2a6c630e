import { chatwootAdapter } from './chatwoot/chatwoot-adapter.js';
import { freshdeskAdapter } from './freshdesk/freshdesk-adapter.js';
import type { HelpdeskAdapter } from './helpdesk-adapter.js';
import { jiraAdapter } from './jira/jira-adapter.js';
import { zammadAdapter } from './zammad/zammad-adapter.js';
import { zendeskAdapter } from './zendesk/zendesk-adapter.js';

/** Every helpdesk whose webhooks `POST /api/v1/ingest/<name>` takes (docs/helpdesks/). */
export const HELPDESK_ADAPTERS: readonly HelpdeskAdapter[] = [
  zendeskAdapter,
  jiraAdapter,
  zammadAdapter,
  freshdeskAdapter,
  chatwootAdapter,
];
