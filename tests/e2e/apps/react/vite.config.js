import { appConfig } from '../vite.base.js';

export default appConfig(import.meta.url);
