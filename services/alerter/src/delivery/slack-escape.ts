/**
 * Text for Slack's mrkdwn with `&`, `<` and `>` escaped, as Slack asks for text it should
 * not read as markup: a ticket id or team such as `<!channel>` or `<https://x|y>` would
 * otherwise notify the whole channel or show a link of the producer's choosing.
 */
export const slackEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
