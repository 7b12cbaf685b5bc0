/** The dashboard's entry point: its styles (uPlot's and ours, bundled into app.css) and the app. */
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { render } from 'preact';
import { App } from './App.js';

render(<App />, document.getElementById('app')!);
