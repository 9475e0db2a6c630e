import { render } from 'preact';
import { startTicking } from './clock/now';
import { App } from './components/app';
import { consumeLink } from './state/consume-link';
import { followHistory } from './state/current-page';
import { applyTheme } from './state/theme';
import './styles.css';

consumeLink();
// A link pasted into the address bar of an open board changes only the fragment: take it
// in and start over, as a fresh load would.
window.addEventListener('hashchange', () => {
  if (location.hash.length <= 1) return;
  consumeLink();
  location.reload();
});
applyTheme();
followHistory();
startTicking();
const root = document.getElementById('app');
if (root) render(<App />, root);
