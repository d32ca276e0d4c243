import { createApp } from 'vue';
import 'plan-widget';
import App from './App.vue';

createApp(App).mount('#app');
