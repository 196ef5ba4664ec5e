import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App embedded />, document.getElementById('desk')!);
