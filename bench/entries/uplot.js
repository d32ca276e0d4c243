// uPlot 1.6 (no gauges): bundled by esbuild (bench/run.sh) into bench/dist/uplot.js; its CSS is
// copied to bench/dist/uplot.css.
import uPlot from 'uplot';
export default uPlot;
