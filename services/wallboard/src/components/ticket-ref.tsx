import { ticketLink } from '../backtest/ticket-link';

/** The ticket's id, linking to its page in the helpdesk when the document in force says where. */
export function TicketRef({
  id,
  template,
}: {
  readonly id: string;
  readonly template: string | null;
}) {
  const href = ticketLink(template, id);
  if (href === null) return <>{id}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {id}
      <span class="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
