// ECharts 6, tree-shaken to what the benchmark draws: gauge and line series on a grid, canvas
// renderer. Bundled by esbuild (bench/run.sh) into bench/dist/echarts.js.
import { init, use } from 'echarts/core';
import { GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([GaugeChart, LineChart, GridComponent, MarkLineComponent, CanvasRenderer]);
export { init };
