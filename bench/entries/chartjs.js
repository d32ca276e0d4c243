// Chart.js 4, tree-shaken: doughnut (as a gauge) and line charts on linear/category scales, with
// the decimation plugin. Bundled by esbuild (bench/run.sh) into bench/dist/chartjs.js.
import {
  ArcElement,
  CategoryScale,
  Chart,
  Decimation,
  DoughnutController,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
} from 'chart.js';

Chart.register(ArcElement, CategoryScale, Decimation, DoughnutController, LineController, LineElement, LinearScale, PointElement);
export { Chart };
